package org.centurion.seatmanager.dashboard;

import java.time.Clock;
import java.util.List;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.beacon.BeaconClient;
import org.centurion.seatmanager.chain.ExecutionClient;
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
  private final WorkWaiting waiting;

  /**
   * @param execution the fail-fast probe clients of every execution endpoint
   * @param beacon the fail-fast probe clients of every beacon endpoint
   * @param agreements the last outcome of every cross-checked read, which the health report lists
   */
  public DashboardFeature(DashboardSettings settings, Database db, List<ExecutionClient> execution,
      List<BeaconClient> beacon, AlertService alerts, WatcherCursors cursors, SignerInfo signer,
      org.centurion.seatmanager.alerts.EndpointAgreementLog agreements, Clock clock) {
    this.alerts = alerts;
    this.cursors = cursors;
    this.queue = new ExecutorQueue(db.jdbi(), clock, settings.operationStuckAfter());
    this.waiting = new WorkWaiting(db.jdbi());
    this.probe = new EndpointProbe(settings.chainId(), execution, beacon);
    this.health = new DashboardHealth(db, probe, cursors, queue, alerts, signer, execution, settings.writesEnabled(),
        settings.configWarnings(), settings.watcherStalledAfter(), agreements, clock);
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

  /** What waits for someone: the dashboard's headline. */
  public WorkWaiting waiting() {
    return waiting;
  }

  public DashboardHealth health() {
    return health;
  }
}
