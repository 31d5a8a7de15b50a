package org.centurion.seatmanager.cli;

import java.time.Clock;
import org.centurion.seatmanager.audit.AuditLog;
import org.centurion.seatmanager.audit.CliChange;
import org.centurion.seatmanager.cli.EnvOptions;
import org.centurion.seatmanager.cli.Refusal;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.SchemaGuard;

/**
 * What the {@code seat} and {@code keys} commands run with: the validated configuration, a current
 * schema, and the audit log, where every CLI action is recorded with the operating-system user.
 */
final class SeatCli implements AutoCloseable {
  final Database db;
  private final AuditLog audit;

  private SeatCli(Database db, org.centurion.seatmanager.config.Config.AuditTrail trail) {
    this.db = db;
    this.audit = AuditLog.of(db.jdbi(), Clock.systemUTC(), trail);
  }

  interface Body {
    int run(SeatCli cli) throws Exception;
  }

  static int run(String name, EnvOptions env, Body body) {
    try {
      org.centurion.seatmanager.config.Config config = ConfigLoader.load(env.environment(), "127.0.0.1", 0);
      Database db = Database.open(config.database(), "seat-manager-cli", 2);
      try (SeatCli cli = new SeatCli(db, config.audit())) {
        SchemaGuard.requireCurrent(db);
        return body.run(cli);
      }
    } catch (ConfigException e) {
      return Refusal.report(System.err, name, e);
    } catch (Problem e) {
      System.err.println("seat-manager " + name + ": " + e.code() + ": " + e.getMessage());
      return 1;
    } catch (Exception e) {
      System.err.println("seat-manager " + name + ": " + e.getMessage());
      return 1;
    }
  }

  /** Puts a CLI action on record before it runs; see {@link CliChange}. */
  CliChange attempt(String action, String target) {
    return CliChange.begin(audit, action, target);
  }

  @Override
  public void close() {
    db.close();
  }
}
