package org.centurion.seatmanager.signing;

/** Stable machine-readable reasons a signing attempt was refused or failed. */
public enum SigningErrorCode {
  /** Writes are off: no key is loaded in this process. */
  WRITES_DISABLED,
  /** The transaction is not an EIP-1559 transaction or its chain id does not match. */
  UNSUPPORTED_TRANSACTION,
  CHAIN_ID_MISMATCH,
  POLICY_TARGET_NOT_ALLOWED,
  POLICY_VALUE_CAP,
  POLICY_FEE_CAP,
  POLICY_GAS_CAP,
  /** Key material given to a signer is malformed; the message never contains the key. */
  INVALID_KEY,
  /** The KMS key is not a secp256k1 signing key, or KMS answered something we cannot trust. */
  KMS_KEY_UNSUITABLE,
  KMS_FAILURE,
  /** A signature did not verify against the signer's own public key. */
  SIGNATURE_INVALID,
  /** Isolated signer: request rejected (malformed, unauthenticated, replayed). */
  BAD_REQUEST,
  UNAUTHENTICATED,
  REPLAYED_REQUEST,
  /** Isolated signer unreachable or answered with something that does not match the request. */
  SIGNER_UNAVAILABLE,
  SIGNER_RESPONSE_INVALID,
}
