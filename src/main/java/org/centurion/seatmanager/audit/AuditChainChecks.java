package org.centurion.seatmanager.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.jdbi.v3.core.Jdbi;

/**
 * Walks of the audit chain, recorded (issue 18). A walk reads every row (seconds at 1,000,000 rows), so a
 * page must not start one per load: it shows {@link #last()}, and a walk runs only when asked, one at a
 * time in this process ({@link #verifyNow} answers empty while another is running instead of queueing a
 * second full read behind it).
 */
public final class AuditChainChecks {
  /** One recorded walk: when it ended, how long it took, who asked, and what it found. */
  public record Check(Instant at, long tookMillis, String by, AuditVerification result) {}

  private final AuditLog log;
  private final Jdbi jdbi;
  private final Clock clock;
  private final Semaphore oneWalk = new Semaphore(1);

  public AuditChainChecks(AuditLog log, Jdbi jdbi, Clock clock) {
    this.log = log;
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * Walks the chain now and records the outcome; empty when a walk is already running in this process.
   *
   * @param by who asked (an actor as the audit log names it)
   */
  public Optional<Check> verifyNow(String by) {
    if (!oneWalk.tryAcquire()) {
      return Optional.empty();
    }
    try {
      long started = System.nanoTime();
      AuditVerification v = log.verify();
      return Optional.of(record(v, Duration.ofNanos(System.nanoTime() - started), by));
    } finally {
      oneWalk.release();
    }
  }

  /** Records a walk made elsewhere (the API's verify route) so that the page shows it too. */
  public Check record(AuditVerification v, Duration took, String by) {
    Instant at = AuditChain.storable(clock.instant());
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit_chain_checks (checked_at, took_ms, intact, rows_checked,"
            + " first_broken_id, code, problem, anchors_checked, checked_by) VALUES (:at, :took, :intact, :rows, :broken,"
            + " :code, :problem, :anchors, :by)")
        .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .bind("took", took.toMillis())
        .bind("intact", v.intact())
        .bind("rows", v.rowsChecked())
        .bind("broken", v.firstBrokenId())
        .bind("code", v.code())
        .bind("problem", v.problem())
        .bind("anchors", v.anchorsChecked())
        .bind("by", by)
        .execute());
    return new Check(at, took.toMillis(), by, v);
  }

  /** The newest recorded walk, by any instance; empty when the chain was never verified. */
  public Optional<Check> last() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM audit_chain_checks ORDER BY id DESC LIMIT 1")
        .map((rs, ctx) -> new Check(rs.getObject("checked_at", OffsetDateTime.class).toInstant(), rs.getLong("took_ms"),
            rs.getString("checked_by"), new AuditVerification(rs.getBoolean("intact"), rs.getLong("rows_checked"),
                rs.getObject("first_broken_id", Long.class), rs.getString("problem"), rs.getString("code"),
                rs.getInt("anchors_checked"))))
        .findOne());
  }
}
