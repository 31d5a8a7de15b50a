package org.centurion.seatmanager.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.AlertSignal;
import org.centurion.seatmanager.alerts.ConfigAlerts;
import org.centurion.seatmanager.alerts.Severity;
import org.centurion.seatmanager.chain.ChainException;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.config.Config;
import org.jdbi.v3.core.Jdbi;

/**
 * The periodic evaluation of conditions no single watcher owns: the configuration's own alerts,
 * watchers stalled or lagging, transactions stuck, execution endpoints down. Each source is
 * reconciled as a whole, so a cleared condition resolves its alert.
 */
public final class HealthAlerts {
  public static final String SOURCE = "health";

  private final Config config;
  private final ConfigAlerts configAlerts;
  private final AlertService alerts;
  private final WatcherCursors cursors;
  private final Jdbi jdbi;
  private final Clock clock;
  private final List<ExecutionClient> execution;

  public HealthAlerts(Config config, ConfigAlerts configAlerts, AlertService alerts, WatcherCursors cursors, Jdbi jdbi,
      Clock clock, List<ExecutionClient> execution) {
    this.config = config;
    this.configAlerts = configAlerts;
    this.alerts = alerts;
    this.cursors = cursors;
    this.jdbi = jdbi;
    this.clock = clock;
    this.execution = List.copyOf(execution);
  }

  public void evaluate() {
    Instant now = clock.instant();
    alerts.reconcile(ConfigAlerts.SOURCE, configAlerts.evaluate(config, now));
    List<AlertSignal> seen = new ArrayList<>();
    Config.Alerting limits = config.alerting();
    Duration stuckAfter = limits.operationStuckAfter();
    for (WatcherCursor c : cursors.all()) {
      long since = Duration.between(c.lastSuccessAt(), now).toSeconds();
      if (since > limits.watcherStalledAfter().toSeconds()) {
        seen.add(AlertSignal.global(AlertKind.WATCHER_STALLED, Severity.CRITICAL, c.role(), "watcher " + c.role()
            + " has not completed a round for " + since + " s" + c.lastError().map(e -> "; last error: " + e).orElse("")));
      }
      if (c.role().equals(DepositWatcher.ROLE) && c.lag() > limits.depositLagBlocks()) {
        seen.add(AlertSignal.global(AlertKind.WATCHER_LAGGING, Severity.WARNING, c.role(),
            "watcher " + c.role() + " is " + c.lag() + " blocks behind the confirmed head"));
      }
    }
    jdbi.useHandle(h -> h.createQuery("SELECT id, kind, status FROM operations WHERE status IN ('QUEUED', 'IN_FLIGHT')"
            + " AND updated_at < :cutoff AND not_before < :cutoff ORDER BY id LIMIT 100")
        .bind("cutoff", OffsetDateTime.ofInstant(now.minus(stuckAfter), ZoneOffset.UTC))
        .map((rs, ctx) -> AlertSignal.global(AlertKind.TRANSACTION_STUCK, Severity.CRITICAL, "operation-" + rs.getLong("id"),
            "operation " + rs.getLong("id") + " (" + rs.getString("kind") + ") has been " + rs.getString("status")
                + " for more than " + stuckAfter.toMinutes() + " minutes"))
        .forEach(seen::add));
    for (ExecutionClient c : execution) {
      try {
        long id = c.chainId();
        if (id != config.chain().chainId()) {
          seen.add(AlertSignal.global(AlertKind.ENDPOINT_DISAGREEING, Severity.CRITICAL, "EL:" + c.label(),
              "execution endpoint " + c.label() + " is on chain " + id + ", expected " + config.chain().chainId()));
        }
      } catch (ChainException e) {
        seen.add(AlertSignal.global(AlertKind.ENDPOINT_DOWN, Severity.WARNING, "EL:" + c.label(), e.getMessage()));
      }
    }
    alerts.reconcile(SOURCE, seen);
  }
}
