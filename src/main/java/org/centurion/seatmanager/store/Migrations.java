package org.centurion.seatmanager.store;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/** The schema's Flyway migrations, shipped in the jar under {@code db/migration}. */
public final class Migrations {
  private final Flyway flyway;
  private final DataSource dataSource;
  private final Optional<String> runtimeRole;

  /** Migrations only, no grants: one role for migrations and runtime (development, or a status check). */
  public Migrations(DataSource dataSource) {
    this(dataSource, Optional.empty());
  }

  /**
   * @param runtimeRole the role the application connects as: after migrating, it is granted exactly
   *     what it needs ({@link RuntimeGrants}); the data source is the tables' owner
   */
  public Migrations(DataSource dataSource, Optional<String> runtimeRole) {
    this.dataSource = dataSource;
    this.runtimeRole = runtimeRole;
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

  /**
   * Applies every pending migration, then (with a runtime role) grants it its privileges and checks
   * they cannot rewrite evidence; returns how many migrations ran.
   *
   * @throws org.centurion.seatmanager.config.ConfigException when the grants cannot be made to hold
   */
  public int migrate() {
    int n = flyway.migrate().migrationsExecuted;
    if (runtimeRole.isPresent()) {
      List<String> left = RuntimeGrants.apply(dataSource, runtimeRole.get());
      if (!left.isEmpty()) {
        throw new org.centurion.seatmanager.config.ConfigException(left.stream()
            .map(p -> "the runtime role can still rewrite evidence: " + p + ": revoke it (or use another role)").toList());
      }
    }
    return n;
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
