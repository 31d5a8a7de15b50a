package org.centurion.seatmanager.watch;

import java.time.Duration;
import org.centurion.seatmanager.config.Config;

/**
 * Cadences and limits of the {@code watch} roles (the original polls EL every 12 s, CL every 24 s).
 *
 * @param depositStartBlock where the deposit watcher starts without a cursor (the contract's deployment block)
 * @param vault what the vault watcher calls an anomaly (treasury low-water mark, sweeps, claims, settlement)
 * @param leaderLease how long a frozen or partitioned leader's database session keeps its role locks
 *     ({@code store.RoleLock}): the bound on a failover
 */
public record WatchSettings(Duration elCadence, Duration clCadence, Duration vaultCadence, Duration alertsCadence,
    long depositStartBlock, long maxBlockRange, int reorgCheckDepth, long exitGraceEpochs,
    VaultWatcherSettings vault, boolean runExecutor, Duration leaderLease) {

  public static WatchSettings defaults() {
    return forAlerting(Config.Alerting.defaults());
  }

  /** The default cadences and ranges with the configured alert thresholds. */
  public static WatchSettings forAlerting(Config.Alerting a) {
    return new WatchSettings(Duration.ofSeconds(12), Duration.ofSeconds(24), Duration.ofSeconds(60), Duration.ofSeconds(60),
        0, 2_000, 64, a.exitIgnoredEpochs(), VaultWatcherSettings.from(a), true,
        org.centurion.seatmanager.store.RoleLock.DEFAULT_LEASE);
  }

  public WatchSettings withCadences(Duration el, Duration cl) {
    return new WatchSettings(el, cl, vaultCadence, alertsCadence, depositStartBlock, maxBlockRange, reorgCheckDepth,
        exitGraceEpochs, vault, runExecutor, leaderLease);
  }
}
