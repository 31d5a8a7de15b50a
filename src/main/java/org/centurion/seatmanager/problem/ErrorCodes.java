package org.centurion.seatmanager.problem;

/** Error codes written in more than one place: one constant each, so a code is spelled once. */
public final class ErrorCodes {
  private ErrorCodes() {}

  /** SEAT_MANAGER_WRITES_ENABLED is off: no write of the treasury is started. */
  public static final String WRITES_DISABLED = "WRITES_DISABLED";
  public static final String NOT_FOUND = "NOT_FOUND";
  /** An open FINALITY_CONFLICT alert: no seat moves and nothing is signed until it clears. */
  public static final String FINALITY_CONFLICT = "FINALITY_CONFLICT";
  /** An open WITHDRAWAL_CREDENTIALS_MISMATCH alert for the seat: the seat does not move while it is open. */
  public static final String WITHDRAWAL_CREDENTIALS_MISMATCH = "WITHDRAWAL_CREDENTIALS_MISMATCH";
}
