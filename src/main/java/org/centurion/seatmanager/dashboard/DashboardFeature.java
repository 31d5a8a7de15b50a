package org.centurion.seatmanager.dashboard;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.beacon.BeaconClient;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.signing.LocalKeySigner;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.watch.WatcherCursors;

/**
 * The dashboard's object graph: endpoint probes over the configured EL and CL endpoints, the
 * health report, the alert list, and what the metrics read. The composition root owns the clients.
 */
public final class DashboardFeature {
  private final AlertService alerts;
  private final WatcherCursors cursors;
  private final ExecutorQueue queue;
  private final EndpointProbe probe;
  private final DashboardHealth health;

  /**
   * @param execution the fail-fast probe clients of every execution endpoint
   * @param beacon the fail-fast probe clients of every beacon endpoint
   */
  public DashboardFeature(DashboardSettings settings, Database db, List<ExecutionClient> execution,
      List<BeaconClient> beacon, AlertService alerts, WatcherCursors cursors, SignerInfo signer, Clock clock) {
    this.alerts = alerts;
    this.cursors = cursors;
    this.queue = new ExecutorQueue(db.jdbi(), clock, settings.operationStuckAfter());
    this.probe = new EndpointProbe(settings.chainId(), execution, beacon);
    this.health = new DashboardHealth(db, probe, cursors, queue, alerts, signer, execution, settings.writesEnabled(),
        settings.configWarnings(), settings.watcherStalledAfter(), clock);
  }

  /** The signer as configured: a local key's address is derived here; KMS and remote signers report theirs when wired. */
  public static SignerInfo signerInfo(Config.Writes writes) {
    if (!writes.enabled()) {
      return SignerInfo.disabled();
    }
    String mode = writes.signerMode().name().toLowerCase(Locale.ROOT);
    if (writes.signerAddress().isPresent()) {
      // api holds no key: the configured address is what it shows (and what its preflight checked)
      return new SignerInfo(writes.signerMode() == Config.SignerMode.DISABLED ? "executor" : mode,
          writes.signerAddress());
    }
    if (writes.signerMode() == Config.SignerMode.LOCAL_KEY && writes.ownerPrivateKey().isPresent()) {
      byte[] key = writes.ownerPrivateKey().get().bytes();
      try {
        return new SignerInfo(mode, Optional.of(LocalKeySigner.fromBytes(key).address()));
      } finally {
        java.util.Arrays.fill(key, (byte) 0);
      }
    }
    return new SignerInfo(mode, Optional.empty());
  }

  public AlertService alerts() {
    return alerts;
  }

  public WatcherCursors cursors() {
    return cursors;
  }

  public ExecutorQueue queue() {
    return queue;
  }

  public EndpointProbe probe() {
    return probe;
  }

  public DashboardHealth health() {
    return health;
  }
}
