package org.centurion.seatmanager.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.ConfigAlerts;
import org.centurion.seatmanager.beacon.BeaconClient;
import org.centurion.seatmanager.chain.ChainClients;
import org.centurion.seatmanager.chain.FeeOracle;
import org.centurion.seatmanager.chain.FeePolicy;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.DatabaseUrl;
import org.centurion.seatmanager.ops.ExecutorSettings;
import org.centurion.seatmanager.ops.OperationExecutor;
import org.centurion.seatmanager.ops.PipelineProbe;
import org.centurion.seatmanager.ops.TreasuryGuard;
import org.centurion.seatmanager.seats.SeatsFeature;
import org.centurion.seatmanager.store.RoleLock;
import org.centurion.seatmanager.store.DatabaseRoleGuard;
import org.centurion.seatmanager.audit.AuditAnchorFile;
import org.centurion.seatmanager.audit.AuditAnchoring;
import org.centurion.seatmanager.store.SchemaGuard;
import org.centurion.seatmanager.store.SessionPinning;
import org.centurion.seatmanager.watch.DepositWatcher;
import org.centurion.seatmanager.watch.DepositWatcherSettings;
import org.centurion.seatmanager.watch.HealthAlerts;
import org.centurion.seatmanager.watch.RoleRunner;
import org.centurion.seatmanager.watch.ValidatorWatcher;
import org.centurion.seatmanager.watch.ValidatorWatcherSettings;
import org.centurion.seatmanager.watch.VaultWatcher;
import org.centurion.seatmanager.watch.WatchSettings;
import org.centurion.seatmanager.watch.WatcherCursors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code watch} side of the process: every watcher role and the operation executor, each
 * acting only while it holds its PostgreSQL role lock. Roles whose configuration is missing are
 * not started (and say so in the log).
 */
public final class WatchRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WatchRuntime.class);

  private final Components components;
  private final boolean ownsComponents;
  private final List<AutoCloseable> resources;
  private final List<RoleRunner> runners;
  private final Optional<Thread> executorThread;
  private final Optional<OperationExecutor> executor;

  /** How often the anchoring role looks whether an anchor is due (it writes one only when it is). */
  static final Duration AUDIT_ANCHOR_CADENCE = Duration.ofSeconds(15);
  /** How often queued webhook deliveries are sent and new alerts queued. */
  private static final Duration WEBHOOK_CADENCE = Duration.ofSeconds(5);

  private WatchRuntime(Components components, boolean ownsComponents, List<AutoCloseable> resources,
      List<RoleRunner> runners, Optional<OperationExecutor> executor, Optional<Thread> executorThread) {
    this.components = components;
    this.ownsComponents = ownsComponents;
    this.resources = resources;
    this.runners = runners;
    this.executor = executor;
    this.executorThread = executorThread;
  }

  /** host:pid, shown as the holder of each cursor. */
  public static String holderName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return host + ":" + ProcessHandle.current().pid();
  }

  /** Builds its own components ({@link Components.Pool#WATCH}) and starts every role it can. */
  public static WatchRuntime start(Config config, WatchSettings settings, Clock clock) {
    Components components = Components.open(config, Components.Pool.WATCH, clock);
    try {
      return start(components, settings, true);
    } catch (RuntimeException e) {
      components.close();
      throw e;
    }
  }

  /** Starts every role over components the caller owns and closes ({@code api-watch} shares them with the API). */
  public static WatchRuntime start(Components components, WatchSettings settings) {
    return start(components, settings, false);
  }

  private static WatchRuntime start(Components c, WatchSettings settings, boolean owns) {
    Config config = c.config();
    Clock clock = c.clock();
    List<AutoCloseable> resources = new ArrayList<>();
    List<RoleRunner> runners = new ArrayList<>();
    try {
      SchemaGuard.requireCurrent(c.database());
      DatabaseRoleGuard.requireRuntimeRole(c.database(), config.isProduction());
      SessionPinning.require(config.database());
      Jdbi jdbi = c.jdbi();
      String holder = holderName();
      AlertService alerts = c.alerts();
      WatcherCursors cursors = c.cursors();
      SeatsFeature seats = c.seats();
      Config.Chain chain = config.chain();
      Optional<ChainClients> el = c.execution();
      List<BeaconClient> beacon = c.beacon();

      runners.add(runner(config.database(), "alerts", settings.alertsCadence(), new HealthAlerts(config, new ConfigAlerts(config.alerting().staticTokenSunsetWarning()),
          alerts, cursors, jdbi, clock, el.map(ChainClients::all).orElse(List.of()))::evaluate, cursors,
          holder, settings.leaderLease()));
      if (!config.notifications().webhooks().isEmpty()) {
        // issue 17: alerts pushed to the configured webhooks, from the alerts table (no watcher waits on a receiver)
        runners.add(runner(config.database(), org.centurion.seatmanager.notify.WebhookDispatcher.ROLE, WEBHOOK_CADENCE,
            new org.centurion.seatmanager.notify.WebhookDispatcher(jdbi, alerts, config.notifications(), clock)::tick, cursors,
            holder, settings.leaderLease()));
      }
      if (config.audit().anchorFile().isPresent()) {
        AuditAnchoring anchoring = new AuditAnchoring(c.audit(), new AuditAnchorFile(config.audit().anchorFile().get()),
            config.audit().anchorEveryRows(), config.audit().anchorEvery(), clock);
        runners.add(runner(config.database(), AuditAnchoring.ROLE, AUDIT_ANCHOR_CADENCE, anchoring::anchorIfDue, cursors,
          holder, settings.leaderLease()));
      }

      if (el.isPresent() && chain.depositContract().isPresent() && chain.router().isPresent()) {
        Set<String> ours = new HashSet<>(Set.of(chain.router().get()));
        if (config.writes().enabled()) {
          ours.add(c.treasurySigner().address());
        }
        DepositWatcher deposits = new DepositWatcher(jdbi, el.get().primary(), el.get().all().stream().skip(1).findFirst(),
            new DepositWatcherSettings(chain.depositContract().get(), ours,
                Math.max(settings.depositStartBlock(), config.deposits().depositContractFromBlock()), chain.confirmations(),
                config.deposits().maxLogRangeBlocks(), settings.reorgCheckDepth()),
            seats.store(), seats.transitions(), alerts, cursors, holder, clock);
        runners.add(runner(config.database(), DepositWatcher.ROLE, settings.elCadence(), deposits::tick, cursors,
          holder, settings.leaderLease()));
        VaultWatcher vaults = new VaultWatcher(jdbi, c.agreeingReads().orElseThrow(), chain.router().get(),
            settings.vault().withConfirmations(chain.confirmations()), alerts, cursors, holder, clock);
        runners.add(runner(config.database(), VaultWatcher.ROLE, settings.vaultCadence(), vaults::tick, cursors,
          holder, settings.leaderLease()));
      } else {
        LOG.warn("EL deposit and vault watchers not started: SEAT_MANAGER_EL_RPC_URLS, SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS"
            + " and SEAT_MANAGER_ROUTER_ADDRESS are needed");
      }
      if (beacon.size() >= chain.minAgreeingEndpoints() && !beacon.isEmpty()) {
        ValidatorWatcher validators = new ValidatorWatcher(jdbi, beacon,
            new ValidatorWatcherSettings(chain.minAgreeingEndpoints(), settings.exitGraceEpochs()), seats.store(),
            seats.transitions(), alerts, cursors, holder, clock);
        runners.add(runner(config.database(), ValidatorWatcher.ROLE, settings.clCadence(), validators::tick, cursors,
          holder, settings.leaderLease()));
      } else {
        LOG.warn("CL watcher not started: SEAT_MANAGER_CL_API_URLS needs at least SEAT_MANAGER_MIN_AGREEING_ENDPOINTS endpoints");
      }

      Optional<OperationExecutor> executor = Optional.empty();
      Optional<Thread> executorThread = Optional.empty();
      if (settings.runExecutor() && config.writes().enabled() && el.isPresent() && chain.router().isPresent()) {
        RoleLock lock = new RoleLock(config.database(), "executor", holder, settings.leaderLease());
        resources.add(lock);
        // The executor holds the key (local or KMS) behind the treasury policy, its velocity limit in the
        // database; with the isolated signer, that process enforces its own copy.
        TreasuryGuard guard = c.treasuryGuard().orElseThrow(() -> new IllegalStateException(
            "the executor needs the seat chain settings to rebuild what it signs"));
        OperationExecutor ex = new OperationExecutor(jdbi, lock, el.get().primary(), c.agreeingReads().orElseThrow(),
            new FeeOracle(FeePolicy.withCapGwei(chain.maxFeeGwei())), c.treasurySigner(),
            ExecutorSettings.forChain(chain), seats.outcomesByKind(), clock,
            PipelineProbe.NONE, guard, alerts, c.moveHolds());
        executor = Optional.of(ex);
        executorThread = Optional.of(Thread.ofPlatform().daemon().name("role-executor").start(ex::run));
      } else {
        LOG.info("executor not started: writes disabled or no EL endpoint/router configured");
      }
      LOG.info("watch started as {}: roles {}", holder, runners.stream().map(RoleRunner::role).toList());
      return new WatchRuntime(c, owns, resources, runners, executor, executorThread);
    } catch (RuntimeException e) {
      runners.forEach(RoleRunner::close);
      closeAll(resources);
      throw e;
    }
  }

  private static RoleRunner runner(DatabaseUrl db, String role, Duration cadence, Runnable round, WatcherCursors cursors,
      String holder, Duration lease) {
    return new RoleRunner(new RoleLock(db, role, holder, lease), cadence, round, cursors).start();
  }

  public List<RoleRunner> runners() {
    return runners;
  }

  @Override
  public void close() {
    executor.ifPresent(OperationExecutor::stop);
    executorThread.ifPresent(t -> {
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    runners.forEach(RoleRunner::close);
    closeAll(resources);
    if (ownsComponents) {
      components.close();
    }
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable r : resources.reversed()) {
      try {
        r.close();
      } catch (Exception ignored) {
        // best effort while stopping
      }
    }
  }
}
