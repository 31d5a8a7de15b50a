package org.centurion.seatmanager.cli;

import java.util.concurrent.Callable;
import org.centurion.seatmanager.app.Components;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.MigrationStatus;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.store.RuntimeGrants;
import org.centurion.seatmanager.config.MigrationTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code db status} and {@code db migrate}: the runbook's migration checklist. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database schema: status and migrate.",
    subcommands = {DbCommand.Status.class, DbCommand.Migrate.class})
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
}
