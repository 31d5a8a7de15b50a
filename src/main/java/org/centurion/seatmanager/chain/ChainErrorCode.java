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
  /** The endpoint kept refusing for its rate limit or quota (HTTP 429 or a JSON-RPC rate-limit error). */
  RATE_LIMITED,
  /** eth_getLogs refused for the size of the range or of its result: ask a smaller range. */
  LOG_QUERY_TOO_LARGE,
  /** The endpoint has no block at that height (a backend behind the head, or a chain that got shorter). */
  BLOCK_UNAVAILABLE,
  /** A receipt without {@code status}: its outcome is unknown, not success. */
  RECEIPT_INCOMPLETE,
  /** The fees the chain needs now exceed the configured cap. */
  FEE_CAP_EXCEEDED,
  /**
   * The deposit watcher's confirmed index is too far behind the head for the front-running check
   * to scan the rest itself within its bound: nothing is funded until the watcher catches up.
   */
  DEPOSIT_INDEX_BEHIND,
}
