package org.centurion.seatmanager.audit;

/** How an audited request ended. */
public enum AuditResult {
  SUCCESS,
  /** Refused by a security control: authentication, role, CSRF, step-up, throttling, lockout. */
  DENIED,
  /** Admitted but failed: invalid input, conflict, error. */
  FAILED;

  public static AuditResult ofStatus(int status) {
    if (status < 400) {
      return SUCCESS;
    }
    return status == 401 || status == 403 || status == 429 ? DENIED : FAILED;
  }
}
