package org.centurion.seatmanager.cli;

import java.time.Clock;
import org.centurion.seatmanager.app.Components;
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
  private final Components components;
  final Database db;

  private SeatCli(Components components) {
    this.components = components;
    this.db = components.database();
  }

  interface Body {
    int run(SeatCli cli) throws Exception;
  }

  static int run(String name, EnvOptions env, Body body) {
    try {
      Components components = Components.open(ConfigLoader.load(env.environment(), "127.0.0.1", 0),
          Components.Pool.CLI, Clock.systemUTC());
      try (SeatCli cli = new SeatCli(components)) {
        SchemaGuard.requireCurrent(cli.db);
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

  Components components() {
    return components;
  }

  /** Puts a CLI action on record before it runs; see {@link CliChange}. */
  CliChange attempt(String action, String target) {
    return CliChange.begin(components.audit(), action, target);
  }

  @Override
  public void close() {
    components.close();
  }
}
