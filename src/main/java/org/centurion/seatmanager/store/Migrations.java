package org.centurion.seatmanager.store;

import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/** The schema's Flyway migrations, shipped in the jar under {@code db/migration}. */
public final class Migrations {
  private final Flyway flyway;

  public Migrations(DataSource dataSource) {
    this.flyway = Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .validateOnMigrate(true)
        .cleanDisabled(true)
        .load();
  }

  /** What is applied, what this build would apply, and what the database has that this build lacks. */
  public MigrationStatus status() {
    MigrationInfo[] all = flyway.info().all();
    List<MigrationStatus.Entry> entries = Arrays.stream(all)
        .filter(MigrationInfo::isVersioned)
        .map(i -> new MigrationStatus.Entry(
            i.getVersion().getVersion(), i.getDescription(), state(i.getState())))
        .toList();
    return new MigrationStatus(entries);
  }

  /** Applies every pending migration; returns how many ran. */
  public int migrate() {
    return flyway.migrate().migrationsExecuted;
  }

  private static MigrationStatus.State state(MigrationState s) {
    // IGNORED: shipped by this build, not applied, yet older than what is applied. Not current either.
    if (s == MigrationState.PENDING || s == MigrationState.IGNORED) {
      return MigrationStatus.State.PENDING;
    }
    if (s == MigrationState.FUTURE_SUCCESS || s == MigrationState.FUTURE_FAILED) {
      return MigrationStatus.State.UNKNOWN_TO_THIS_BUILD;
    }
    if (s.isFailed()) {
      return MigrationStatus.State.FAILED;
    }
    return s.isApplied() ? MigrationStatus.State.APPLIED : MigrationStatus.State.OTHER;
  }
}
