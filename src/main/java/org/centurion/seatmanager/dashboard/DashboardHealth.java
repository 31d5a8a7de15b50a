package org.centurion.seatmanager.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.EndpointAgreementLog;
import org.centurion.seatmanager.chain.ChainException;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.MigrationStatus;
import org.centurion.seatmanager.store.SchemaStatus;
import org.centurion.seatmanager.watch.WatcherCursor;
import org.centurion.seatmanager.watch.WatcherCursors;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Builds the dashboard's health report. Endpoint probes are cached for a few seconds so that a
 * dashboard left open cannot load the nodes.
 */
public final class DashboardHealth {
  private static final Duration PROBE_CACHE = Duration.ofSeconds(5);

  private final Database db;
  private final SchemaStatus schema;
  private final EndpointProbe probe;
  private final WatcherCursors cursors;
  private final ExecutorQueue queue;
  private final AlertService alerts;
  private final SignerInfo signer;
  private final List<ExecutionClient> execution;
  private final boolean writesEnabled;
  private final List<String> warnings;
  private final Duration stallAfter;
  private final Clock clock;
  private volatile Instant probedAt = Instant.EPOCH;
  private final org.centurion.seatmanager.ops.EmergencyPause pauses;
  private final EndpointAgreementLog agreements;

  public DashboardHealth(Database db, EndpointProbe probe, WatcherCursors cursors, ExecutorQueue queue, AlertService alerts,
      SignerInfo signer, List<ExecutionClient> execution, boolean writesEnabled, List<String> warnings, Duration stallAfter,
      EndpointAgreementLog agreements, Clock clock) {
    this.db = db;
    this.schema = new SchemaStatus(db);
    this.probe = probe;
    this.cursors = cursors;
    this.queue = queue;
    this.alerts = alerts;
    this.signer = signer;
    this.execution = List.copyOf(execution);
    this.writesEnabled = writesEnabled;
    this.warnings = List.copyOf(warnings);
    this.stallAfter = stallAfter;
    this.clock = clock;
    this.pauses = new org.centurion.seatmanager.ops.EmergencyPause(db.jdbi(), alerts, clock);
    this.agreements = agreements;
  }

  public HealthReport report() {
    Instant now = clock.instant();
    HealthReport.DatabaseHealth database = database();
    List<EndpointHealth> endpoints = endpoints(now);
    List<HealthReport.WatcherHealth> watchers = List.of();
    ExecutorQueue.Snapshot q = ExecutorQueue.Snapshot.UNKNOWN;
    Map<String, Long> open = Map.of();
    org.centurion.seatmanager.ops.EmergencyPause.State pause = org.centurion.seatmanager.ops.EmergencyPause.State.UNKNOWN;
    List<EndpointAgreementLog.ReadAgreement> reads = List.of();
    if (database.reachable()) {
      pause = pauses.current();
      reads = agreements.latest();
      watchers = cursors.all().stream().map(c -> watcher(c, now)).toList();
      q = queue.snapshot();
      open = alerts.openCounts();
    }
    List<EndpointHealth> el = endpoints.stream().filter(e -> e.layer().equals("EL")).toList();
    List<EndpointHealth> cl = endpoints.stream().filter(e -> e.layer().equals("CL")).toList();
    boolean degraded = !database.reachable() || !database.migrationsCurrent()
        || endpoints.stream().anyMatch(e -> !e.agreement().equals("AGREES") && !e.agreement().equals("ALONE"))
        || watchers.stream().anyMatch(HealthReport.WatcherHealth::stalled) || q.troubled() || untrusted(open);
    // an emergency pause is said first: everything else may be fine, but nothing is signed
    String status = pause.paused() ? "paused" : degraded ? "degraded" : "ok";
    return new HealthReport(status, now, database, el, cl, watchers, q, signerHealth(),
        writesEnabled, warnings, open, pause, reads);
  }

  /**
   * Open alerts that say the chain's own word about our validators is in doubt: endpoints disagreeing
   * (about a checkpoint or one validator), conflicting finality, credentials not our vault's.
   */
  private static final List<String> TRUST_KINDS = List.of("ENDPOINT_DISAGREEING", "FINALITY_CONFLICT",
      "WITHDRAWAL_CREDENTIALS_MISMATCH");

  static boolean untrusted(Map<String, Long> open) {
    return open.keySet().stream().anyMatch(k -> TRUST_KINDS.contains(k.substring(0, Math.max(0, k.indexOf('/')))));
  }

  private HealthReport.DatabaseHealth database() {
    if (!db.isReachable()) {
      return new HealthReport.DatabaseHealth(false, false, 0, List.of());
    }
    MigrationStatus s = schema.current();
    return new HealthReport.DatabaseHealth(true, s.isCurrent(), s.in(MigrationStatus.State.APPLIED).size(),
        s.in(MigrationStatus.State.PENDING).stream().map(MigrationStatus.Entry::label).toList());
  }

  private synchronized List<EndpointHealth> endpoints(Instant now) {
    if (probe.last().isEmpty() || Duration.between(probedAt, now).compareTo(PROBE_CACHE) >= 0) {
      probe.probe();
      probedAt = now;
    }
    return probe.last();
  }

  private HealthReport.WatcherHealth watcher(WatcherCursor c, Instant now) {
    long since = Math.max(0, Duration.between(c.lastSuccessAt(), now).toSeconds());
    return new HealthReport.WatcherHealth(c.role(), c.cursor(), c.head(), c.lag(), c.holder(), c.lastSuccessAt(), since,
        since > stallAfter.toSeconds(), c.lastError());
  }

  private HealthReport.SignerHealth signerHealth() {
    if (signer.address().isEmpty()) {
      return new HealthReport.SignerHealth(signer.mode(), Optional.empty(), Optional.empty(), Optional.empty());
    }
    List<String> failures = new ArrayList<>();
    for (ExecutionClient c : execution) {
      try {
        String wei = c.balance(signer.address().get(), DefaultBlockParameterName.LATEST).toString();
        return new HealthReport.SignerHealth(signer.mode(), signer.address(), Optional.of(wei), Optional.empty());
      } catch (ChainException e) {
        failures.add(e.getMessage());
      }
    }
    return new HealthReport.SignerHealth(signer.mode(), signer.address(), Optional.empty(),
        Optional.of(failures.isEmpty() ? "no execution endpoint configured" : String.join("; ", failures)));
  }
}
