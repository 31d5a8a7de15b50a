package org.centurion.seatmanager.audit;

/** How an audited request ended. */
public enum AuditResult {
  /**
   * Written and committed before an admitted write's handler runs; the outcome row names it. An
   * attempt with no outcome is a write whose process died before it could say how it ended: it
   * may have changed state, so look at the target.
   */
  ATTEMPTED,
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
