package org.centurion.seatmanager.chain;

/** Stable reasons a chain read, broadcast or cross-check failed. */
public enum ChainErrorCode {
  INVALID_ENDPOINTS,
  /** An endpoint did not answer in time or failed at the transport level. */
  ENDPOINT_UNAVAILABLE,
  /** An endpoint reports another chain id than the configured one. */
  CHAIN_ID_MISMATCH,
  /** Too few endpoints are within the allowed distance of the highest head. */
  ENDPOINTS_LAGGING,
  /** Endpoints returned different block hashes or different answers for the same read. */
  ENDPOINTS_DISAGREE,
  /** The node answered with a JSON-RPC error. */
  RPC_ERROR,
  /** eth_call or eth_estimateGas reverted; the revert data is attached. */
  CALL_REVERTED,
  /** The node refused a signed transaction (nonce, fee, funds, ...). */
  BROADCAST_REJECTED,
  /** The fees the chain needs now exceed the configured cap. */
  FEE_CAP_EXCEEDED,
}
