package org.centurion.seatmanager.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.AlertSignal;
import org.centurion.seatmanager.alerts.Severity;
import org.centurion.seatmanager.problem.Problem;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The emergency pause (issue 15): one row in the database, so that pausing from any API instance
 * (or the CLI) stops every executor instance. The executor reads it right before each signature
 * ({@link TransactionSender}) and before starting queued operations ({@link OperationStarter}); while
 * paused nothing new is signed, queued operations stay queued, already signed bytes may still be
 * re-broadcast (that is no new signature) and receipts are still read. Pausing raises a CRITICAL
 * EXECUTOR_PAUSED alert; resuming resolves it.
 */
public final class EmergencyPause {
  /** Error codes of the pause routes and commands. */
  public static final String ALREADY_PAUSED = "ALREADY_PAUSED";
  public static final String NOT_PAUSED = "NOT_PAUSED";
  public static final String INVALID_REASON = org.centurion.seatmanager.problem.ErrorCodes.INVALID_REASON;
  /** What a signature refused by the pause is noted with, on the intent or the operation. */
  public static final String PAUSED = "EXECUTOR_PAUSED";
  static final int MAX_REASON = 500;
  static final String ALERT_SOURCE = "emergency-pause";

  /** The pause as stored: whether it holds, why, who changed it last and when. */
  public record State(boolean paused, Optional<String> reason, String changedBy, Instant changedAt) {
    public static final State UNKNOWN = new State(false, Optional.empty(), "", Instant.EPOCH);

    /** One line for pages, logs and the dashboard. */
    public String describe() {
      return "paused by " + changedBy + " at " + changedAt + ": " + reason.orElse("");
    }
  }

  private final Jdbi jdbi;
  private final AlertService alerts;
  private final Clock clock;

  public EmergencyPause(Jdbi jdbi, AlertService alerts, Clock clock) {
    this.jdbi = jdbi;
    this.alerts = alerts;
    this.clock = clock;
  }

  public State current() {
    return jdbi.withHandle(EmergencyPause::current);
  }

  /** In the caller's transaction: what a signature decides on. */
  static State current(Handle h) {
    return h.createQuery("SELECT paused, reason, changed_by, changed_at FROM executor_pause WHERE id = 1")
        .map((rs, ctx) -> new State(rs.getBoolean("paused"), Optional.ofNullable(rs.getString("reason")),
            rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant()))
        .findOne().orElse(new State(false, Optional.empty(), "", Instant.EPOCH));
  }

  /**
   * Pauses every executor at once.
   *
   * @throws Problem {@link #INVALID_REASON} without a reason, {@link #ALREADY_PAUSED} when it holds already
   */
  public State pause(String actor, String reason) {
    String why = validReason(reason);
    return jdbi.inTransaction(h -> {
      int changed = h.createUpdate("UPDATE executor_pause SET paused = true, reason = :r, changed_by = :by, changed_at = :at"
              + " WHERE id = 1 AND NOT paused")
          .bind("r", why).bind("by", actor).bind("at", clock.instant()).execute();
      if (changed != 1) {
        throw Problem.conflict(ALREADY_PAUSED, "the executor is already paused (" + current(h).describe() + ")");
      }
      State now = current(h);
      alerts.raise(h, ALERT_SOURCE, AlertSignal.global(AlertKind.EXECUTOR_PAUSED, Severity.CRITICAL, "",
          "emergency pause: nothing new is signed until an ADMIN resumes; " + now.describe()));
      return now;
    });
  }

  /**
   * Lets the executors sign again.
   *
   * @throws Problem {@link #NOT_PAUSED} when nothing is paused
   */
  public State resume(String actor, String reason) {
    String why = validReason(reason);
    return jdbi.inTransaction(h -> {
      int changed = h.createUpdate("UPDATE executor_pause SET paused = false, reason = :r, changed_by = :by, changed_at = :at"
              + " WHERE id = 1 AND paused")
          .bind("r", why).bind("by", actor).bind("at", clock.instant()).execute();
      if (changed != 1) {
        throw Problem.conflict(NOT_PAUSED, "the executor is not paused");
      }
      alerts.resolve(h, ALERT_SOURCE, AlertKind.EXECUTOR_PAUSED.name());
      return current(h);
    });
  }

  /** Fails when paused: nothing new may be signed now. */
  static void requireRunning(Handle h) {
    State s = current(h);
    if (s.paused()) {
      throw new Paused(s);
    }
  }

  /** The reason, stripped; refused (INVALID_REASON) when empty, too long or with control characters. */
  public static String validReason(String reason) {
    String r = reason == null ? "" : reason.strip();
    if (r.isEmpty() || r.length() > MAX_REASON || r.codePoints().anyMatch(c -> Character.isISOControl(c))) {
      throw Problem.badRequest(INVALID_REASON, "a reason of 1 to " + MAX_REASON + " printable characters is required");
    }
    return r;
  }

  /** A signature refused because the emergency pause holds. */
  static final class Paused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Paused(State state) {
      super(PAUSED + ": " + state.describe(), null, false, false);
    }
  }
}
