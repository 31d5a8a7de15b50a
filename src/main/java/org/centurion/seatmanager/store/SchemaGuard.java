package org.centurion.seatmanager.store;

import java.util.ArrayList;
import java.util.List;
import org.centurion.seatmanager.config.ConfigException;

/** Refuses to serve against a schema this build does not match (runbook §5). */
public final class SchemaGuard {
  private SchemaGuard() {}

  public static void requireCurrent(Database db) {
    java.util.Optional<String> unusable = db.connectionProblem();
    if (unusable.isPresent()) {
      throw new ConfigException("DATABASE_URL: " + unusable.get());
    }
    MigrationStatus status = new Migrations(db.dataSource()).status();
    List<String> problems = new ArrayList<>();
    for (MigrationStatus.Entry e : status.in(MigrationStatus.State.PENDING)) {
      problems.add("migration pending: " + e.label() + ": run 'seat-manager db migrate'");
    }
    for (MigrationStatus.Entry e : status.in(MigrationStatus.State.FAILED)) {
      problems.add("migration failed earlier: " + e.label() + ": repair the schema before starting");
    }
    for (MigrationStatus.Entry e : status.in(MigrationStatus.State.UNKNOWN_TO_THIS_BUILD)) {
      problems.add("the database has " + e.label() + " from a newer build: upgrade seat-manager");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
