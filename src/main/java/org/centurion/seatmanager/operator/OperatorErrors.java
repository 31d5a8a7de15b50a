package org.centurion.seatmanager.operator;

/** The operator side's stable error codes (issue 16). */
public final class OperatorErrors {
  /** No SEAT_MANAGER_ENROLLMENT_KEY_FILE: tokens can be neither issued nor redeemed. */
  public static final String ENROLLMENT_NOT_CONFIGURED = "ENROLLMENT_NOT_CONFIGURED";
  /** Not a token of ours: malformed, another algorithm, another key, another type, missing claims. */
  public static final String TOKEN_INVALID = "ENROLLMENT_TOKEN_INVALID";
  public static final String TOKEN_EXPIRED = "ENROLLMENT_TOKEN_EXPIRED";
  /** The token was redeemed already: one token, one enrollment. */
  public static final String TOKEN_USED = "ENROLLMENT_TOKEN_USED";
  /** The token's seat has another beneficiary or operator now than the token names. */
  public static final String TOKEN_SEAT_MISMATCH = "ENROLLMENT_TOKEN_SEAT_MISMATCH";
  /** An operator key used on a seat it is not bound to. */
  public static final String KEY_WRONG_SEAT = org.centurion.seatmanager.problem.ErrorCodes.OPERATOR_KEY_WRONG_SEAT;
  /** An operator key without the scope the route needs. */
  public static final String SCOPE_MISSING = org.centurion.seatmanager.problem.ErrorCodes.OPERATOR_SCOPE_MISSING;
  public static final String INVALID_SCOPES = "INVALID_SCOPES";
  public static final String INVALID_TTL = "INVALID_TTL";
  public static final String INVALID_REASON = "INVALID_REASON";
  public static final String INVALID_DECISION = "INVALID_DECISION";
  public static final String EXIT_REQUEST_DECIDED = "EXIT_REQUEST_DECIDED";

  // codes the operator routes share with the rest of the API (one spelling here for this feature's files)
  public static final String RATE_LIMITED = "RATE_LIMITED";
  public static final String INVALID_STATE = "INVALID_STATE";
  public static final String CHAIN_NOT_CONFIGURED = "CHAIN_NOT_CONFIGURED";
  public static final String DEPOSIT_DATA_INVALID = "DEPOSIT_DATA_INVALID";
  public static final String INVALID_JSON = "INVALID_JSON";
  public static final String INVALID_FILTER = "INVALID_FILTER";
  public static final String OPERATION_PENDING = "OPERATION_PENDING";
  public static final String TREASURY_NOT_ALLOWED = "TREASURY_NOT_ALLOWED";

  private OperatorErrors() {}
}
