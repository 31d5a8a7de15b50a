package org.centurion.seatmanager.cli;

import java.util.concurrent.Callable;
import org.centurion.seatmanager.app.Components;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.MigrationStatus;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.store.DatabaseBackup;
import org.centurion.seatmanager.store.RuntimeGrants;
import org.centurion.seatmanager.config.MigrationTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code db status} and {@code db migrate}: the runbook's migration checklist. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database schema: status and migrate; backup and restore.",
    subcommands = {DbCommand.Status.class, DbCommand.Migrate.class, DbCommand.Backup.class, DbCommand.Restore.class})
public final class DbCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  static Database open(EnvOptions env) {
    // DATABASE_URL alone: the schema commands must run before the rest of the configuration is complete
    return Components.database(ConfigLoader.loadDatabase(env.environment()), Components.Pool.DB);
  }

  static void print(MigrationStatus status) {
    for (MigrationStatus.Entry e : status.entries()) {
      System.out.printf("  %-22s %s%n", e.state(), e.label());
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "List applied and pending migrations; exit 1 when any is pending, 2 when the database cannot be used.")
  static final class Status implements Callable<Integer> {
    @Mixin EnvOptions env;

    @Override
    public Integer call() {
      try (Database db = open(env)) {
        java.util.Optional<String> unusable = db.connectionProblem();
        if (unusable.isPresent()) {
          // exit 2, not 1: "cannot reach it" must not read as "migrations pending"
          System.err.println("seat-manager db status: DATABASE_URL: " + unusable.get());
          return ConfigException.EXIT_CODE;
        }
        MigrationStatus status = new Migrations(db.dataSource()).status();
        print(status);
        int pending = status.in(MigrationStatus.State.PENDING).size();
        int unknown = status.in(MigrationStatus.State.UNKNOWN_TO_THIS_BUILD).size();
        if (unknown > 0) {
          System.out.println(unknown + " migration(s) applied by a newer build: upgrade seat-manager");
          return 1;
        }
        if (pending > 0 || !status.isCurrent()) {
          System.out.println(pending + " pending: run 'seat-manager db migrate'");
          return 1;
        }
        System.out.println("schema is current");
        return 0;
      } catch (ConfigException e) {
        return Refusal.report(System.err, "db status", e);
      }
    }
  }

  @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending migrations as the tables'"
      + " owner (SEAT_MANAGER_MIGRATION_DATABASE_URL, else DATABASE_URL) and grant the runtime role"
      + " (SEAT_MANAGER_RUNTIME_DATABASE_ROLE, else DATABASE_URL's user) what it needs.")
  static final class Migrate implements Callable<Integer> {
    @Mixin EnvOptions env;

    @Override
    public Integer call() {
      MigrationTarget target;
      try {
        target = ConfigLoader.loadMigrationTarget(env.environment());
      } catch (ConfigException e) {
        return Refusal.report(System.err, "db migrate", e);
      }
      try (Database db = org.centurion.seatmanager.app.Components.database(target.owner(), org.centurion.seatmanager.app.Components.Pool.DB)) {
        java.util.Optional<String> unusable = db.connectionProblem();
        if (unusable.isPresent()) {
          System.err.println("seat-manager db migrate: the owner's database URL: " + unusable.get());
          return ConfigException.EXIT_CODE;
        }
        if (target.runtimeRole().isEmpty()) {
          System.out.println("warning: no runtime role (SEAT_MANAGER_RUNTIME_DATABASE_ROLE): the application connects as the"
              + " tables' owner and could rewrite the audit trail; production refuses to serve like that");
        }
        Migrations migrations = new Migrations(db.dataSource(), target.runtimeRole());
        if (!migrations.status().in(MigrationStatus.State.UNKNOWN_TO_THIS_BUILD).isEmpty()) {
          System.err.println("seat-manager db migrate: the database has migrations from a newer build: "
              + "upgrade seat-manager instead");
          return 1;
        }
        int n = migrations.migrate();
        System.out.println("applied " + n + " migration(s)");
        target.runtimeRole().ifPresent(r -> System.out.println("granted the runtime role '" + r
            + "' its privileges: INSERT and SELECT only on " + String.join(", ", RuntimeGrants.APPEND_ONLY)));
        print(migrations.status());
        return 0;
      } catch (ConfigException e) {
        return Refusal.report(System.err, "db migrate", e);
      } catch (org.flywaydb.core.api.FlywayException e) {
        // Flyway validates before it migrates and runs each migration in its own transaction: what is
        // applied stays applied, the failing one left nothing. Say why in a few lines, not a stack trace.
        String why = e.getMessage() == null ? "migration failed" : e.getMessage();
        System.err.println("seat-manager db migrate: stopped: " + why.lines().findFirst().orElse(why).strip());
        why.lines().skip(1).filter(l -> l.startsWith("Detected") || l.startsWith("Migration"))
            .forEach(l -> System.err.println("  - " + l.strip()));
        return 1;
      }
    }
  }

  /** {@code db backup --out FILE} (issue 15): everything the chain cannot rebuild, in one consistent snapshot. */
  @Command(name = "backup", mixinStandardHelpOptions = true, description = "Write a logical backup of every seat-manager"
      + " table (one snapshot, a SHA-256 per table) to a new file, mode 600, as the tables' owner.")
  static final class Backup implements Callable<Integer> {
    @Mixin EnvOptions env;

    @picocli.CommandLine.Option(names = "--out", required = true, paramLabel = "FILE", description = "The backup file to create.")
    java.nio.file.Path out;

    @Override
    public Integer call() {
      return withOwner("db backup", env, db -> {
        if (java.nio.file.Files.exists(out)) {
          System.err.println("seat-manager db backup: " + out + " exists: nothing was written");
          return 2;
        }
        DatabaseBackup.Summary s = DatabaseBackup.backup(db.dataSource(), out);
        System.out.println("wrote " + out + " (mode 600): schema version " + s.schemaVersion() + ", "
            + s.rows().values().stream().mapToLong(Long::longValue).sum() + " rows in " + s.rows().size() + " tables");
        return 0;
      });
    }
  }

  /** {@code db restore --from FILE}: into a freshly migrated, empty database of the backup's schema version. */
  @Command(name = "restore", mixinStandardHelpOptions = true, description = "Restore a backup into a freshly migrated,"
      + " empty database of the same schema version (checks every table's SHA-256 first; all or nothing).")
  static final class Restore implements Callable<Integer> {
    @Mixin EnvOptions env;

    @picocli.CommandLine.Option(names = "--from", required = true, paramLabel = "FILE", description = "The backup file.")
    java.nio.file.Path from;

    @Override
    public Integer call() {
      return withOwner("db restore", env, db -> {
        DatabaseBackup.Summary s = DatabaseBackup.restore(db.dataSource(), from);
        System.out.println("restored " + s.rows().values().stream().mapToLong(Long::longValue).sum() + " rows into "
            + s.rows().size() + " tables (schema version " + s.schemaVersion() + "); run 'seat-manager audit verify' next");
        return 0;
      });
    }
  }

  private interface OwnerWork {
    int run(Database db) throws Exception;
  }

  /** Runs {@code work} connected as the tables' owner (SEAT_MANAGER_MIGRATION_DATABASE_URL, else DATABASE_URL). */
  private static int withOwner(String name, EnvOptions env, OwnerWork work) {
    MigrationTarget target;
    try {
      target = ConfigLoader.loadMigrationTarget(env.environment());
    } catch (ConfigException e) {
      return Refusal.report(System.err, name, e);
    }
    try (Database db = org.centurion.seatmanager.app.Components.database(target.owner(), org.centurion.seatmanager.app.Components.Pool.DB)) {
      java.util.Optional<String> unusable = db.connectionProblem();
      if (unusable.isPresent()) {
        System.err.println("seat-manager " + name + ": the owner's database URL: " + unusable.get());
        return ConfigException.EXIT_CODE;
      }
      return work.run(db);
    } catch (Exception e) {
      System.err.println("seat-manager " + name + ": " + e.getMessage());
      return 1;
    }
  }
}
