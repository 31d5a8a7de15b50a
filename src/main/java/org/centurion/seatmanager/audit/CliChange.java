package org.centurion.seatmanager.audit;

/**
 * A change made from the command line, put on record before it runs, as the API guard does for
 * every write ({@code SecurityGuard.beforeWrite}): a CLI killed after its change committed leaves
 * the ATTEMPTED row without an outcome instead of no row at all. Closed by exactly one outcome.
 * The actor is the operating-system user, {@code cli:<user>}.
 */
public final class CliChange {
  private static final String AUTH_KIND = "CLI";
  private static final String CLIENT = "local";

  private final AuditLog log;
  private final String action;
  private final long attemptId;

  private CliChange(AuditLog log, String action, long attemptId) {
    this.log = log;
    this.action = action;
    this.attemptId = attemptId;
  }

  /** Appends (and commits) the attempt; call before the change. */
  public static CliChange begin(AuditLog log, String action, String target) {
    long id = log.append(event(action, target, AuditResult.ATTEMPTED, null, null)).id();
    return new CliChange(log, action, id);
  }

  public static String actor() {
    return "cli:" + System.getProperty("user.name", "unknown");
  }

  public void succeeded(String target) {
    log.append(event(action, target, AuditResult.SUCCESS, null, attemptId));
  }

  public void failed(String target, String reason) {
    log.append(event(action, target, AuditResult.FAILED, reason, attemptId));
  }

  private static AuditEvent event(String action, String target, AuditResult result, String reason, Long attemptId) {
    return new AuditEvent(actor(), AUTH_KIND, null, action, target, result, reason, null, CLIENT, attemptId);
  }
}
