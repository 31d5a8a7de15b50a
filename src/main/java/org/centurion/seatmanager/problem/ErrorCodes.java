package org.centurion.seatmanager.problem;

/** Error codes written in more than one place: one constant each, so a code is spelled once. */
public final class ErrorCodes {
  private ErrorCodes() {}

  /** SEAT_MANAGER_WRITES_ENABLED is off: no write of the treasury is started. */
  public static final String WRITES_DISABLED = "WRITES_DISABLED";
  public static final String NOT_FOUND = "NOT_FOUND";
  /** An operator API key was presented for another seat than the one it is bound to. */
  public static final String OPERATOR_KEY_WRONG_SEAT = "OPERATOR_KEY_WRONG_SEAT";
  /** An operator API key lacks the scope the route needs. */
  public static final String OPERATOR_SCOPE_MISSING = "OPERATOR_SCOPE_MISSING";
  /** An open FINALITY_CONFLICT alert: no seat moves and nothing is signed until it clears. */
  public static final String FINALITY_CONFLICT = "FINALITY_CONFLICT";
  /** An open WITHDRAWAL_CREDENTIALS_MISMATCH alert for the seat: the seat does not move while it is open. */
  public static final String WITHDRAWAL_CREDENTIALS_MISMATCH = "WITHDRAWAL_CREDENTIALS_MISMATCH";

  // Codes answered by more than one route, layer or class: each spelled once (issue 19).
  public static final String ALERT_ALREADY_ACKNOWLEDGED = "ALERT_ALREADY_ACKNOWLEDGED";
  public static final String ALERT_ALREADY_RESOLVED = "ALERT_ALREADY_RESOLVED";
  public static final String ALLOWLIST_ADMIN_NOT_ROUTER = "ALLOWLIST_ADMIN_NOT_ROUTER";
  public static final String AUTHENTICATION_REQUIRED = "AUTHENTICATION_REQUIRED";
  public static final String BAD_REQUEST = "BAD_REQUEST";
  public static final String BEACON_ENDPOINTS_DISAGREE = "BEACON_ENDPOINTS_DISAGREE";
  public static final String BEACON_NOT_CONFIGURED = "BEACON_NOT_CONFIGURED";
  public static final String BEACON_UNAVAILABLE = "BEACON_UNAVAILABLE";
  public static final String CHAIN_NOT_CONFIGURED = "CHAIN_NOT_CONFIGURED";
  public static final String CHAIN_UNAVAILABLE = "CHAIN_UNAVAILABLE";
  public static final String CONFIRMATION_MISMATCH = "CONFIRMATION_MISMATCH";
  public static final String CSRF_FAILED = "CSRF_FAILED";
  public static final String CURRENT_PASSWORD_WRONG = "CURRENT_PASSWORD_WRONG";
  public static final String DEPOSIT_DATA_INVALID = "DEPOSIT_DATA_INVALID";
  public static final String DEPOSIT_FRONT_RUN = "DEPOSIT_FRONT_RUN";
  public static final String DEPOSIT_VERIFICATION_NOT_CONFIGURED = "DEPOSIT_VERIFICATION_NOT_CONFIGURED";
  public static final String EMPTY_UPDATE = "EMPTY_UPDATE";
  public static final String EXIT_FEE_TOO_HIGH = "EXIT_FEE_TOO_HIGH";
  public static final String EXIT_TOO_EARLY = "EXIT_TOO_EARLY";
  /** An exit was requested and the chain has not (yet) been seen ignoring it: it is not sent again (issue 15). */
  public static final String EXIT_NOT_IGNORED = "EXIT_NOT_IGNORED";
  public static final String FORBIDDEN = "FORBIDDEN";
  public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";
  public static final String IDENTITY_NOT_ALLOWED = "IDENTITY_NOT_ALLOWED";
  public static final String INTENT_ALREADY_ACTIVE = "INTENT_ALREADY_ACTIVE";
  public static final String INTERNAL = "INTERNAL";
  public static final String INVALID_ADDRESS = "INVALID_ADDRESS";
  public static final String INVALID_BENEFICIARY = "INVALID_BENEFICIARY";
  public static final String INVALID_CREDENTIALS = "INVALID_CREDENTIALS";
  public static final String INVALID_EXPIRY = "INVALID_EXPIRY";
  public static final String INVALID_FILTER = "INVALID_FILTER";
  public static final String INVALID_IDEMPOTENCY_KEY = "INVALID_IDEMPOTENCY_KEY";
  public static final String INVALID_JSON = "INVALID_JSON";
  public static final String INVALID_LABEL = "INVALID_LABEL";
  public static final String INVALID_NOTE = "INVALID_NOTE";
  public static final String INVALID_OPERATOR_ID = "INVALID_OPERATOR_ID";
  public static final String INVALID_PUBKEY = "INVALID_PUBKEY";
  public static final String INVALID_QUERY = "INVALID_QUERY";
  public static final String INVALID_ROLE = "INVALID_ROLE";
  public static final String INVALID_STATE = "INVALID_STATE";
  public static final String INVALID_USERNAME = "INVALID_USERNAME";
  public static final String LAST_ADMIN = "LAST_ADMIN";
  public static final String MANAGED_KEYS_NOT_CONFIGURED = "MANAGED_KEYS_NOT_CONFIGURED";
  public static final String MANAGED_KEYS_UNAVAILABLE = "MANAGED_KEYS_UNAVAILABLE";
  public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
  public static final String NO_SETTLEMENT_PROPOSED = "NO_SETTLEMENT_PROPOSED";
  public static final String OPERATION_PENDING = "OPERATION_PENDING";
  public static final String OPERATOR_HAS_SEAT = "OPERATOR_HAS_SEAT";
  public static final String OWN_PASSWORD = "OWN_PASSWORD";
  public static final String PASSWORDS_DIFFER = "PASSWORDS_DIFFER";
  public static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";
  public static final String PASSWORD_POLICY = "PASSWORD_POLICY";
  public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
  public static final String PREFUNDING_CHECK_FAILED = "PREFUNDING_CHECK_FAILED";
  public static final String PUBKEY_REQUIRED = "PUBKEY_REQUIRED";
  public static final String PUBKEY_TAKEN = "PUBKEY_TAKEN";
  public static final String RATE_LIMITED = "RATE_LIMITED";
  public static final String SETTLEMENT_ALREADY_PROPOSED = "SETTLEMENT_ALREADY_PROPOSED";
  public static final String STAKER_ADDRESS_MISMATCH = "STAKER_ADDRESS_MISMATCH";
  public static final String STAKER_ADDRESS_REQUIRED = "STAKER_ADDRESS_REQUIRED";
  public static final String STEP_UP_FAILED = "STEP_UP_FAILED";
  public static final String TOTP_INVALID = "TOTP_INVALID";
  public static final String TOTP_NOT_PENDING = "TOTP_NOT_PENDING";
  public static final String TREASURY_NOT_ALLOWED = "TREASURY_NOT_ALLOWED";
  public static final String USERNAME_TAKEN = "USERNAME_TAKEN";
  public static final String VALIDATOR_NOT_EXITABLE = "VALIDATOR_NOT_EXITABLE";
  public static final String VALIDATOR_NOT_ON_BEACON_CHAIN = "VALIDATOR_NOT_ON_BEACON_CHAIN";
  public static final String VAULT_ALREADY_SETTLED = "VAULT_ALREADY_SETTLED";
  public static final String VAULT_BINDING_FAILED = "VAULT_BINDING_FAILED";
  public static final String VAULT_EXISTS = "VAULT_EXISTS";
  public static final String SEAT_DEPOSITED = "SEAT_DEPOSITED";
  /** A written reason is required (1 to 500 printable characters): pause, resume, cancel, resolve. */
  public static final String INVALID_REASON = "INVALID_REASON";
  /** The chain's evidence still contradicts an EXCEPTION seat: it is not resolved (issue 15). */
  public static final String EXCEPTION_UNRESOLVED = "EXCEPTION_UNRESOLVED";
}
