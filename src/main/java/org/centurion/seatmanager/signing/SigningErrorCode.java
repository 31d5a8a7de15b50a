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
  // ---- the treasury policy (issue 12): what the router may be told to do. Stored by name: never rename.
  /** The transaction's data is not a canonical {@code TreasuryRouter.execute(target, value, data)} call. */
  POLICY_NOT_EXECUTE,
  /** The outer transaction carries value; the router pays from its own balance, the signer never does. */
  POLICY_OUTER_VALUE,
  /** {@code execute} aimed at the router itself (signer rotation and the like). */
  POLICY_ROUTER_SELF_CALL,
  /** {@code execute} aimed at an address that is neither our factory, our deposit contract nor one of our vaults. */
  POLICY_INNER_TARGET_NOT_ALLOWED,
  /** The function (or a plain payment) is not one the policy allows on that target. */
  POLICY_CALL_NOT_ALLOWED,
  /** The value forwarded by {@code execute} is not what the call allows (0, exactly 32 CTN, or at most the exit fee cap). */
  POLICY_INNER_VALUE,
  /** An argument is malformed (pubkey length, signature length, depositor, amount). */
  POLICY_BAD_ARGUMENT,
  /** The request does not carry the pubkey and beneficiary the policy needs to derive the vault. */
  POLICY_JUSTIFICATION_MISSING,
  /** The withdrawal credentials are not 0x01 credentials of the vault our factory deploys for this pubkey. */
  POLICY_CREDENTIALS_NOT_OUR_VAULT,
  /** The deposit_data_root is not the SSZ root of the call's own pubkey, credentials, 32 CTN and signature. */
  POLICY_DEPOSIT_ROOT_MISMATCH,
  /** The target is not the vault our factory deploys for the justified pubkey and beneficiary. */
  POLICY_VAULT_NOT_OURS,
  /** The exit request fee exceeds SEAT_MANAGER_MAX_EXIT_FEE_WEI. */
  POLICY_EXIT_FEE_CAP,
  /** More deposits than SEAT_MANAGER_SIGNER_MAX_DEPOSITS_PER_DAY in the last 24 hours. */
  POLICY_DEPOSIT_VELOCITY,
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
