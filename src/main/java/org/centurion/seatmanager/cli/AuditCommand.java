package org.centurion.seatmanager.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.centurion.seatmanager.audit.AuditAnchor;
import org.centurion.seatmanager.audit.AuditAnchorFile;
import org.centurion.seatmanager.audit.AuditAnchoring;
import org.centurion.seatmanager.audit.AuditLog;
import org.centurion.seatmanager.audit.AuditVerification;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.SchemaGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code audit verify} and {@code audit anchor}: the audit chain checked against its key and the
 * anchors written outside the database (issue 14).
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit chain: verify and anchor.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Anchor.class})
public final class AuditCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  private static Config.AuditTrail trail(EnvOptions env, Path anchorsOverride) {
    Config.AuditTrail t = ConfigLoader.loadAuditTrail(env.environment());
    return anchorsOverride == null ? t
        : new Config.AuditTrail(t.chainKey(), Optional.of(anchorsOverride), t.anchorEveryRows(), t.anchorEvery());
  }

  @Command(name = "verify", mixinStandardHelpOptions = true, description = "Walk the audit chain, check every keyed"
      + " hash and compare it with the anchors; exit 1 with a stable code when rows were altered, forged, rewritten"
      + " or truncated.")
  static final class Verify implements Callable<Integer> {
    @Mixin EnvOptions env;

    @Option(names = "--anchors", paramLabel = "FILE", description = "The anchor file (default: SEAT_MANAGER_AUDIT_ANCHOR_FILE).")
    Path anchors;

    @Override
    public Integer call() {
      try {
        Config.AuditTrail trail = trail(env, anchors);
        try (Database db = org.centurion.seatmanager.app.Components.database(ConfigLoader.loadDatabase(env.environment()), org.centurion.seatmanager.app.Components.Pool.DB)) {
          SchemaGuard.requireCurrent(db);
          AuditVerification v = AuditLog.of(db.jdbi(), Clock.systemUTC(), trail).verify();
          if (trail.chainKey().isEmpty()) {
            System.out.println("warning: SEAT_MANAGER_AUDIT_CHAIN_KEY is not set: unkeyed rows are checked, keyed ones cannot be");
          }
          if (trail.anchorFile().isEmpty()) {
            System.out.println("warning: no anchor file (SEAT_MANAGER_AUDIT_ANCHOR_FILE or --anchors): a rewrite or a"
                + " truncated tail cannot be detected");
          }
          if (v.intact()) {
            System.out.println("audit chain intact: " + v.rowsChecked() + " row(s), " + v.anchorsChecked() + " anchor(s)");
            return 0;
          }
          System.out.println(v.code() + ": row " + v.firstBrokenId() + ": " + v.problem() + " (" + v.rowsChecked()
              + " row(s) checked before it)");
          return 1;
        }
      } catch (ConfigException e) {
        return Refusal.report(System.err, "audit verify", e);
      }
    }
  }

  @Command(name = "anchor", mixinStandardHelpOptions = true, description = "Append the chain's head to the anchor file now.")
  static final class Anchor implements Callable<Integer> {
    @Mixin EnvOptions env;

    @Option(names = "--anchors", paramLabel = "FILE", description = "The anchor file (default: SEAT_MANAGER_AUDIT_ANCHOR_FILE).")
    Path anchors;

    @Override
    public Integer call() {
      try {
        Config.AuditTrail trail = trail(env, anchors);
        if (trail.anchorFile().isEmpty()) {
          throw new ConfigException(ConfigLoader.AUDIT_ANCHOR_FILE + " (or --anchors) is required to anchor");
        }
        try (Database db = org.centurion.seatmanager.app.Components.database(ConfigLoader.loadDatabase(env.environment()), org.centurion.seatmanager.app.Components.Pool.DB)) {
          SchemaGuard.requireCurrent(db);
          AuditLog log = AuditLog.of(db.jdbi(), Clock.systemUTC(), trail);
          Optional<AuditAnchor> a = new AuditAnchoring(log, new AuditAnchorFile(trail.anchorFile().get()),
              trail.anchorEveryRows(), trail.anchorEvery(), Clock.systemUTC()).anchorNow();
          System.out.println(a.map(x -> "anchored " + x.line()).orElse("the audit log is empty: nothing to anchor"));
          return 0;
        }
      } catch (ConfigException e) {
        return Refusal.report(System.err, "audit anchor", e);
      }
    }
  }
}
