package org.centurion.seatmanager.cli;

import java.time.Duration;
import org.centurion.seatmanager.watch.WatchSettings;
import picocli.CommandLine.Option;

/** The watcher cadences as command-line options (the original polls EL every 12 s and CL every 24 s). */
public final class WatchOptions {
  @Option(names = "--el-interval", defaultValue = "PT12S", paramLabel = "DURATION",
      description = "EL deposit watcher cadence, ISO-8601 (default ${DEFAULT-VALUE}).")
  Duration el;

  @Option(names = "--cl-interval", defaultValue = "PT24S", paramLabel = "DURATION",
      description = "CL validator watcher cadence, ISO-8601 (default ${DEFAULT-VALUE}).")
  Duration cl;

  @Option(names = "--deposit-start-block", defaultValue = "0", paramLabel = "BLOCK",
      description = "First block the deposit watcher scans when it has no cursor yet (default ${DEFAULT-VALUE}).")
  long startBlock;

  @Option(names = "--leader-lease", defaultValue = "PT15S", paramLabel = "DURATION",
      description = "How long a frozen or cut-off leader keeps its roles before a standby takes over, ISO-8601"
          + " (default ${DEFAULT-VALUE}, at least PT3S).")
  Duration leaderLease;

  @Option(names = "--no-executor", description = "Run the watchers only, not the operation executor.")
  boolean noExecutor;

  public WatchSettings settings(org.centurion.seatmanager.config.Config.Alerting alerting) {
    WatchSettings d = WatchSettings.forAlerting(alerting);
    return new WatchSettings(el, cl, d.vaultCadence(), d.alertsCadence(), startBlock, d.maxBlockRange(), d.reorgCheckDepth(),
        d.exitGraceEpochs(), d.vault(), !noExecutor, leaderLease);
  }
}
