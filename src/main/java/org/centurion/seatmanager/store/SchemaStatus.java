package org.centurion.seatmanager.store;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The schema's migration status for a serving process, without Flyway's cost on every request.
 *
 * <p>{@link Migrations#status()} scans the jar's migrations and reads the whole history table: tens of
 * milliseconds, too much for a health report under load (issue 18). The status only changes when some
 * process migrates (or repairs), and every such change shows in {@code flyway_schema_history}'s row
 * count, last rank, checksums or success flags. So the full status is computed once, then again only
 * when that one-row fingerprint of the history table differs from the one it was computed at. A newer
 * build migrating the same database while this process runs is therefore still seen at the next call.
 */
public final class SchemaStatus {
  private static final String FINGERPRINT = "SELECT count(*) || ':' || coalesce(max(installed_rank), 0) || ':'"
      + " || coalesce(sum(checksum), 0) || ':' || coalesce(bool_and(success), true) FROM flyway_schema_history";

  private final Migrations migrations;
  private final Jdbi jdbi;
  private final Object lock = new Object();
  private String computedAt;
  private MigrationStatus status;
  private long computations;

  public SchemaStatus(Database db) {
    this.migrations = new Migrations(db.dataSource());
    this.jdbi = db.jdbi();
  }

  /** The status as of now: recomputed by Flyway only when the history table changed since the last time. */
  public MigrationStatus current() {
    Optional<String> fingerprint = fingerprint();
    synchronized (lock) {
      if (fingerprint.isEmpty() || !fingerprint.get().equals(computedAt)) {
        status = migrations.status();
        computations++;
        // no history table yet (never migrated): nothing to compare with next time, so compute again
        computedAt = fingerprint.orElse(null);
      }
      return status;
    }
  }

  /** How many times Flyway computed the status (one per change of the history table): for tests and benches. */
  public long computations() {
    synchronized (lock) {
      return computations;
    }
  }

  private Optional<String> fingerprint() {
    try {
      return jdbi.withHandle(h -> h.createQuery(FINGERPRINT).mapTo(String.class).findOne());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
