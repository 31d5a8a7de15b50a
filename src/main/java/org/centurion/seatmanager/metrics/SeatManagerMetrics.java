package org.centurion.seatmanager.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.dashboard.EndpointHealth;
import org.centurion.seatmanager.dashboard.EndpointProbe;
import org.centurion.seatmanager.dashboard.ExecutorQueue;
import org.centurion.seatmanager.watch.WatcherCursor;
import org.centurion.seatmanager.watch.WatcherCursors;
import org.jdbi.v3.core.Jdbi;

/**
 * The Prometheus metrics: seats by state, operations by status, watcher lag and age, endpoint
 * latency, availability and errors, open alerts, the executor's signatures, broadcasts and refusals
 * (from its durable rows); beside them the standard JVM and process metrics. Values come from one
 * {@link #refresh()} (run periodically), so a scrape never queries the database or the nodes itself.
 * HTTP request timings ({@code http_server_requests_seconds}) and the connection pool
 * ({@code hikaricp_*}) are recorded into {@link #registry()} by the server and the pool.
 */
public final class SeatManagerMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Jdbi jdbi;
  private final ExecutorQueue queue;
  private final WatcherCursors cursors;
  private final EndpointProbe probe;
  private final AlertService alerts;
  private final Clock clock;
  private final MultiGauge seats;
  private final MultiGauge operations;
  private final MultiGauge watcherLag;
  private final MultiGauge watcherAge;
  private final MultiGauge endpointLatency;
  private final MultiGauge endpointUp;
  private final MultiGauge openAlerts;
  private final Set<String> errorCounters = ConcurrentHashMap.newKeySet();
  /** 1 while the emergency pause holds (issue 15), read on each refresh. */
  private final java.util.concurrent.atomic.AtomicInteger paused = new java.util.concurrent.atomic.AtomicInteger();
  private final org.centurion.seatmanager.ops.EmergencyPause pause;
  private volatile TreasuryActivity treasury = TreasuryActivity.NONE;
  private volatile AuditChainStatus auditChain = AuditChainStatus.NEVER_CHECKED;

  public SeatManagerMetrics(Jdbi jdbi, ExecutorQueue queue, WatcherCursors cursors, EndpointProbe probe, AlertService alerts,
      Clock clock) {
    this.jdbi = jdbi;
    this.queue = queue;
    this.cursors = cursors;
    this.probe = probe;
    this.alerts = alerts;
    this.clock = clock;
    seats = MultiGauge.builder("seat_manager_seats").description("Seats by lifecycle state").register(registry);
    operations = MultiGauge.builder("seat_manager_operations").description("Operations by status").register(registry);
    watcherLag = MultiGauge.builder("seat_manager_watcher_lag").description("Blocks (EL) or epochs (CL) behind the head")
        .register(registry);
    watcherAge = MultiGauge.builder("seat_manager_watcher_seconds_since_success")
        .description("Seconds since the role last completed a round").register(registry);
    endpointLatency = MultiGauge.builder("seat_manager_endpoint_latency_seconds")
        .description("Latency of the last probe").register(registry);
    endpointUp = MultiGauge.builder("seat_manager_endpoint_up").description("1 when the last probe succeeded")
        .register(registry);
    openAlerts = MultiGauge.builder("seat_manager_alerts_open").description("Open alerts by kind and severity")
        .register(registry);
    pause = new org.centurion.seatmanager.ops.EmergencyPause(jdbi, alerts, clock);
    io.micrometer.core.instrument.Gauge.builder("seat_manager_executor_paused", paused, java.util.concurrent.atomic.AtomicInteger::get)
        .description("1 while the emergency pause holds: nothing new is signed").register(registry);
    FunctionCounter.builder("seat_manager_executor_signatures", this, m -> m.treasury.signatures())
        .description("Transactions the treasury signer signed (tx_attempts rows)").register(registry);
    FunctionCounter.builder("seat_manager_executor_broadcasts", this, m -> m.treasury.broadcasts())
        .description("Broadcasts of signed transactions, by whether a node accepted them").tags("result", "accepted").register(registry);
    FunctionCounter.builder("seat_manager_executor_broadcasts", this, m -> m.treasury.broadcastErrors())
        .description("Broadcasts of signed transactions, by whether a node accepted them").tags("result", "error").register(registry);
    for (org.centurion.seatmanager.ops.GuardRefusal.Code code : org.centurion.seatmanager.ops.GuardRefusal.Code.values()) {
      FunctionCounter.builder("seat_manager_treasury_refusals", this, m -> m.treasury.refusals().getOrDefault(code, 0L))
          .description("Operations failed unsent by the treasury checks, by refusal code").tags("code", code.name())
          .register(registry);
    }
    io.micrometer.core.instrument.Gauge.builder("seat_manager_audit_chain_intact", this, m -> m.auditChain.intact())
        .description("1 when the last recorded audit chain verification found the chain intact, 0 when broken or never run")
        .register(registry);
    io.micrometer.core.instrument.Gauge.builder("seat_manager_audit_chain_last_check_timestamp_seconds", this,
            m -> m.auditChain.checkedAtEpochSeconds())
        .description("When the audit chain was last verified (Unix time; 0 when never)").register(registry);
    StandardMeters.bindTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Re-reads every value; called periodically and by tests. */
  public void refresh() {
    paused.set(pause.current().paused() ? 1 : 0);
    treasury = TreasuryActivity.read(jdbi);
    auditChain = AuditChainStatus.read(jdbi);
    seats.register(rows(seatCounts(), "state"), true);
    operations.register(rows(operationCounts(), "status"), true);
    List<MultiGauge.Row<?>> lag = new ArrayList<>();
    List<MultiGauge.Row<?>> age = new ArrayList<>();
    for (WatcherCursor c : cursors.all()) {
      lag.add(MultiGauge.Row.of(Tags.of("role", c.role()), c.lag()));
      age.add(MultiGauge.Row.of(Tags.of("role", c.role()),
          Math.max(0, Duration.between(c.lastSuccessAt(), clock.instant()).toMillis() / 1000.0)));
    }
    watcherLag.register(lag, true);
    watcherAge.register(age, true);
    List<EndpointHealth> endpoints = probe.probe();
    List<MultiGauge.Row<?>> latency = new ArrayList<>();
    List<MultiGauge.Row<?>> up = new ArrayList<>();
    for (EndpointHealth e : endpoints) {
      Tags tags = Tags.of("layer", e.layer(), "endpoint", e.label());
      latency.add(MultiGauge.Row.of(tags, e.latencyMillis() / 1000.0));
      up.add(MultiGauge.Row.of(tags, e.up() ? 1 : 0));
      String key = e.layer() + "/" + e.label();
      if (errorCounters.add(key)) {
        FunctionCounter.builder("seat_manager_endpoint_errors", probe, p -> p.errorCounts().getOrDefault(key, 0L))
            .description("Failed endpoint probes").tags(tags).register(registry);
      }
    }
    endpointLatency.register(latency, true);
    endpointUp.register(up, true);
    List<MultiGauge.Row<?>> open = new ArrayList<>();
    alerts.openCounts().forEach((k, n) -> {
      String[] kindSeverity = k.split("/", 2);
      open.add(MultiGauge.Row.of(Tags.of("kind", kindSeverity[0], "severity", kindSeverity[1]), n));
    });
    openAlerts.register(open, true);
  }

  /**
   * Seats by state, every state present (zero included) so a dashboard's series exist before the
   * first seat does.
   */
  private Map<String, Long> seatCounts() {
    return jdbi.withHandle(h -> {
      Map<String, Long> m = new TreeMap<>();
      for (org.centurion.seatmanager.seats.SeatState st : org.centurion.seatmanager.seats.SeatState.values()) {
        m.put(st.name(), 0L);
      }
      boolean exists = h.createQuery("SELECT to_regclass('public.seats') IS NOT NULL").mapTo(Boolean.class).one();
      if (exists) {
        h.createQuery("SELECT state, count(*) AS n FROM seats GROUP BY state")
            .map((rs, ctx) -> Map.entry(rs.getString("state"), rs.getLong("n"))).forEach(e -> m.put(e.getKey(), e.getValue()));
      }
      return m;
    });
  }

  /** Operations by status, every status present (zero included), as for seats. */
  private Map<String, Long> operationCounts() {
    Map<String, Long> m = new TreeMap<>();
    for (org.centurion.seatmanager.ops.OperationStatus st : org.centurion.seatmanager.ops.OperationStatus.values()) {
      m.put(st.name(), 0L);
    }
    m.putAll(queue.snapshot().byStatus());
    return m;
  }

  private static List<MultiGauge.Row<?>> rows(Map<String, Long> counts, String tag) {
    List<MultiGauge.Row<?>> out = new ArrayList<>();
    counts.forEach((k, v) -> out.add(MultiGauge.Row.of(Tags.of(tag, k), v)));
    return out;
  }
}
