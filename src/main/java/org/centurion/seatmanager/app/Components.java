package org.centurion.seatmanager.app;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.EndpointAgreementLog;
import org.centurion.seatmanager.alerts.MoveHolds;
import org.centurion.seatmanager.audit.AuditLog;
import org.centurion.seatmanager.beacon.BeaconClient;
import org.centurion.seatmanager.chain.ChainClients;
import org.centurion.seatmanager.chain.EndpointCrossCheck;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.chain.RpcSettings;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.DatabaseUrl;
import org.centurion.seatmanager.dashboard.DashboardFeature;
import org.centurion.seatmanager.dashboard.DashboardSettings;
import org.centurion.seatmanager.dashboard.SignerInfo;
import org.centurion.seatmanager.deposit.ForkVersion;
import org.centurion.seatmanager.keys.KeyProcessClient;
import org.centurion.seatmanager.metrics.SeatManagerMetrics;
import org.centurion.seatmanager.ops.CallSimulator;
import org.centurion.seatmanager.ops.OperationService;
import org.centurion.seatmanager.ops.TreasuryGuard;
import org.centurion.seatmanager.seats.BeaconReads;
import org.centurion.seatmanager.seats.SeatChainSettings;
import org.centurion.seatmanager.seats.SeatsFeature;
import org.centurion.seatmanager.ops.OpsFeature;
import org.centurion.seatmanager.seats.SeatsSettings;
import org.centurion.seatmanager.signing.DatabaseDepositLedger;
import org.centurion.seatmanager.signing.LocalKeySigner;
import org.centurion.seatmanager.signing.SharedSecret;
import org.centurion.seatmanager.signing.SignerEndpoint;
import org.centurion.seatmanager.signing.TreasurySigner;
import org.centurion.seatmanager.signing.TreasurySigners;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.web.auth.SecurityFeature;
import org.centurion.seatmanager.web.console.ConsoleFeature;
import org.centurion.seatmanager.watch.WatcherCursors;
import org.jdbi.v3.core.Jdbi;

/**
 * The composition root: the one place that builds each client, signer, store and service of a
 * process from {@link Config}, once, on first need, and closes what it opened. {@code api},
 * {@code watch}, {@code api-watch} and every command that needs more than its configuration build
 * one and take what they need from it; a test builds the same one over its own database, so it runs
 * the graph production runs. Nothing is built that a process does not ask for: {@code api} never
 * asks for {@link #treasurySigner()}, so it never builds a signer, a KMS client or a key.
 */
public final class Components implements AutoCloseable {
  /** Bound on one key-process round trip: issuing derives a key and encrypts a keystore (PBKDF2, about a second). */
  static final Duration KEY_PROCESS_TIMEOUT = Duration.ofSeconds(60);
  /** Bound on one beacon-API answer for watchers, seat commands and the start-up checks. */
  static final Duration BEACON_TIMEOUT = Duration.ofSeconds(10);
  /** The dashboard's probes fail fast (one attempt, five seconds): they report an outage, they do not ride it out. */
  static final RpcSettings PROBE_RPC = new RpcSettings(Duration.ofSeconds(5), 1, Duration.ZERO, Duration.ZERO);
  static final Duration PROBE_BEACON_TIMEOUT = Duration.ofSeconds(5);

  /** The connection pool a process opens: its name (as PostgreSQL's and Hikari's logs show it) and its size. */
  public record Pool(String name, int maxSize) {
    public static final Pool API = new Pool("seat-manager-api", 16);
    public static final Pool WATCH = new Pool("seat-manager-watch", 8);
    /** {@code api-watch}: one process, the two pools' connections in one. */
    public static final Pool API_WATCH = new Pool("seat-manager-api-watch", 24);
    public static final Pool CLI = new Pool("seat-manager-cli", 2);
    public static final Pool DB = new Pool("seat-manager-db", 3);
  }

  private final Config config;
  private final Clock clock;
  private final Pool pool;
  private final boolean ownsDatabase;
  private final List<AutoCloseable> opened = new ArrayList<>();
  /** Guards the memoised parts: a part is built once even if two threads ask for it first at the same time. */
  private final Object lock = new Object();

  private Database database;
  private Optional<ChainClients> execution;
  private List<BeaconClient> beacon;
  private Optional<BeaconReads> beaconReads;
  private EndpointAgreementLog agreementLog;
  private Optional<EndpointCrossCheck> agreeingReads;
  private List<ExecutionClient> probeExecution;
  private List<BeaconClient> probeBeacon;
  private Optional<KeyProcessClient> keyProcess;
  private TreasurySigner treasurySigner;
  private TreasurySigner addressOnlySigner;
  private AuditLog audit;
  private AlertService alerts;
  private WatcherCursors cursors;
  private MoveHolds moveHolds;
  private OperationService operations;
  private SecurityFeature security;
  private SeatsFeature seats;
  private org.centurion.seatmanager.operator.OperatorFeature operator;
  private DashboardFeature dashboard;
  private OpsFeature ops;
  private ConsoleFeature console;
  private SeatManagerMetrics metrics;
  private Optional<TreasuryGuard> treasuryGuard;

  private Components(Config config, Clock clock, Pool pool, Database database) {
    this.config = config;
    this.clock = clock;
    this.pool = pool;
    this.database = database;
    this.ownsDatabase = database == null;
  }

  /** A process's components; the database is opened (with {@code pool}) when something first needs it, and closed with them. */
  public static Components open(Config config, Pool pool, Clock clock) {
    return new Components(config, clock, pool, null);
  }

  /** Components over a database the caller opened and closes (a test's, or a second side of one process). */
  public static Components over(Config config, Database database, Clock clock) {
    return new Components(config, clock, null, database);
  }

  public Config config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  // --- the database and what lives in it ---

  public Database database() {
    synchronized (lock) {
      if (database == null) {
        database = database(config.database(), pool);
      }
      return database;
    }
  }

  /**
   * A pool over {@code url} alone, for the commands that must run before the rest of the configuration
   * is complete ({@code db status}, {@code db migrate}); the caller closes it.
   */
  public static Database database(DatabaseUrl url, Pool pool) {
    return Database.open(url, pool.name(), pool.maxSize());
  }

  public Jdbi jdbi() {
    return database().jdbi();
  }

  public AuditLog audit() {
    synchronized (lock) {
      if (audit == null) {
        audit = AuditLog.of(jdbi(), clock, config.audit());
      }
      return audit;
    }
  }

  public AlertService alerts() {
    synchronized (lock) {
      if (alerts == null) {
        alerts = new AlertService(jdbi(), clock);
      }
      return alerts;
    }
  }

  public WatcherCursors cursors() {
    synchronized (lock) {
      if (cursors == null) {
        cursors = new WatcherCursors(jdbi(), clock);
      }
      return cursors;
    }
  }

  /** The open alerts that hold every move: asked by seat commands and by the executor before it signs. */
  public MoveHolds moveHolds() {
    synchronized (lock) {
      if (moveHolds == null) {
        moveHolds = new MoveHolds(jdbi());
      }
      return moveHolds;
    }
  }

  public OperationService operations() {
    synchronized (lock) {
      if (operations == null) {
        operations = new OperationService(jdbi());
      }
      return operations;
    }
  }

  // --- clients of the outside world ---

  /** Every configured execution endpoint (the first is the primary) and their cross-check; empty without endpoints. */
  public Optional<ChainClients> execution() {
    synchronized (lock) {
      if (execution == null) {
        execution = config.chain().executionEndpoints().isEmpty() ? Optional.empty()
            : Optional.of(opened(ChainClients.fromConfig(config.chain(), RpcSettings.defaults())));
      }
      return execution;
    }
  }

  /** One beacon client per configured endpoint, in configuration order. */
  public List<BeaconClient> beacon() {
    synchronized (lock) {
      if (beacon == null) {
        beacon = config.chain().beaconEndpoints().stream().map(e -> new BeaconClient(e, BEACON_TIMEOUT)).toList();
      }
      return beacon;
    }
  }

  /**
   * The fail-closed beacon reads of the seat commands, over {@link #beacon()}, recording each
   * decisive read in {@link #agreementLog()}; empty without beacon endpoints.
   */
  public Optional<BeaconReads> beaconReads() {
    synchronized (lock) {
      if (beaconReads == null) {
        beaconReads = beacon().isEmpty() ? Optional.empty() : Optional.of(new BeaconReads(beacon(), Optional.of(agreementLog())));
      }
      return beaconReads;
    }
  }

  /** The last outcome of every cross-checked read, and its ENDPOINT_DISAGREEING alert (issue 14). */
  public EndpointAgreementLog agreementLog() {
    synchronized (lock) {
      if (agreementLog == null) {
        agreementLog = new EndpointAgreementLog(jdbi(), alerts(), clock);
      }
      return agreementLog;
    }
  }

  /**
   * The endpoint cross-check every decisive chain read goes through (seat commands, the executor's
   * verdicts), over every execution endpoint, recording each read in {@link #agreementLog()}; empty
   * without endpoints.
   */
  public Optional<EndpointCrossCheck> agreeingReads() {
    synchronized (lock) {
      if (agreeingReads == null) {
        agreeingReads = execution().map(c -> c.crossCheck().recordingTo(agreementLog()));
      }
      return agreeingReads;
    }
  }

  /** The dashboard's fail-fast probes of every execution endpoint (see {@link #PROBE_RPC}). */
  public List<ExecutionClient> probeExecution() {
    synchronized (lock) {
      if (probeExecution == null) {
        probeExecution = config.chain().executionEndpoints().stream().map(e -> opened(new ExecutionClient(e, PROBE_RPC)))
            .toList();
      }
      return probeExecution;
    }
  }

  /** The dashboard's fail-fast probes of every beacon endpoint. */
  public List<BeaconClient> probeBeacon() {
    synchronized (lock) {
      if (probeBeacon == null) {
        probeBeacon = config.chain().beaconEndpoints().stream().map(e -> new BeaconClient(e, PROBE_BEACON_TIMEOUT))
            .toList();
      }
      return probeBeacon;
    }
  }

  /**
   * The client of the key process that makes managed keys, when configured (SEAT_MANAGER_KEYS_SOCKET,
   * or _PORT with _SECRET); it connects per request, never at start. This process never reads the
   * mnemonic or a keystore password.
   */
  public Optional<KeyProcessClient> keyProcess() {
    synchronized (lock) {
      if (keyProcess == null) {
        keyProcess = config.deposits().keyProcess().map(where -> new KeyProcessClient(endpoint(where), secret(where),
            KEY_PROCESS_TIMEOUT, Clock.systemUTC()));
      }
      return keyProcess;
    }
  }

  private static SignerEndpoint endpoint(Config.RemoteSigner where) {
    return where.socket().<SignerEndpoint>map(SignerEndpoint.UnixSocket::new)
        .orElseGet(() -> new SignerEndpoint.LoopbackTcp(where.port().orElseThrow()));
  }

  private static Optional<SharedSecret> secret(Config.RemoteSigner where) {
    return where.secret().map(s -> {
      byte[] b = s.bytes();
      try {
        return SharedSecret.fromHex(HexFormat.of().formatHex(b));
      } finally {
        Arrays.fill(b, (byte) 0);
      }
    });
  }

  // --- signing ---

  /**
   * The treasury signer of a process that signs ({@code watch}, {@code api-watch}): the local or KMS
   * key behind the treasury policy, whose daily deposit limit is kept in the database; or the
   * isolated signer, which keeps its own. {@code api} never calls this.
   */
  public TreasurySigner treasurySigner() {
    synchronized (lock) {
      if (treasurySigner == null) {
        treasurySigner = closedWithThese(TreasurySigners.fromConfig(config.writes(), config.chain(),
            new DatabaseDepositLedger(jdbi())));
      }
      return treasurySigner;
    }
  }

  /**
   * A signer for a command that only needs the signer's address ({@code preflight}) and has no
   * database: the policy's ledger refuses every deposit, since such a process keeps no record of the
   * velocity limit.
   */
  public TreasurySigner addressOnlySigner() {
    synchronized (lock) {
      if (addressOnlySigner == null) {
        addressOnlySigner = closedWithThese(TreasurySigners.fromConfig(config.writes(), config.chain()));
      }
      return addressOnlySigner;
    }
  }

  /**
   * The executor's last check before it signs (issue 12): the call rebuilt from the seat rows, then
   * simulated on every agreeing endpoint ({@link #agreeingReads()}); empty without the chain section or an execution endpoint.
   */
  public Optional<TreasuryGuard> treasuryGuard() {
    synchronized (lock) {
      if (treasuryGuard == null) {
        Optional<ChainClients> el = execution();
        treasuryGuard = el.isEmpty() || config.chain().router().isEmpty() ? Optional.empty()
            : seats().expectedCalls(TreasurySigners.vaultDerivation(config.chain())).map(calls -> new TreasuryGuard(calls,
                new CallSimulator(agreeingReads().orElseThrow()), config.chain().router().get(), audit(), alerts()));
      }
      return treasuryGuard;
    }
  }

  // --- features ---

  public SecurityFeature security() {
    synchronized (lock) {
      if (security == null) {
        security = new SecurityFeature(config.secrets(), config.security(), config.mfa(), Optional.of(config.operator()), jdbi(), clock,
            ConsoleFeature.PASSWORD_CHANGE_ROUTES, audit());
      }
      return security;
    }
  }

  public SeatsFeature seats() {
    synchronized (lock) {
      if (seats == null) {
        seats = new SeatsFeature(seatsSettings(config, keyProcess()), jdbi(), operations(), agreeingReads(), beaconReads(),
            moveHolds(), alerts(), clock);
      }
      return seats;
    }
  }

  /** The seats feature's settings from {@link Config}. Managed keys (generate) are on only with writes enabled and the key process configured. */
  static SeatsSettings seatsSettings(Config config, Optional<KeyProcessClient> keyProcess) {
    Config.Chain c = config.chain();
    Optional<SeatChainSettings> chain = Optional.empty();
    if (c.depositContract().isPresent() && c.vaultFactory().isPresent() && c.router().isPresent()
        && c.principalDestination().isPresent()) {
      chain = Optional.of(new SeatChainSettings(c.chainId(), c.depositContract().get(), c.vaultFactory().get(),
          c.router().get(), c.principalDestination().get(), c.vaultCodeHash(),
          config.deposits().depositContractFromBlock(), c.maxExitFeeWei()));
    }
    return new SeatsSettings(config.writes().enabled(), c.allowMultipleSeatsPerOperator(), chain,
        config.deposits().genesisForkVersion().map(ForkVersion::parse), config.deposits().verifySignature(), keyProcess);
  }

  /** The operator's side (issue 16): enrollment, operator status and exit requests; its keys are the security feature's. */
  public org.centurion.seatmanager.operator.OperatorFeature operator() {
    synchronized (lock) {
      if (operator == null) {
        operator = new org.centurion.seatmanager.operator.OperatorFeature(config.operator(),
            execution().map(ChainClients::primary), jdbi(), seats(), security().operatorKeys().orElseThrow(), clock);
      }
      return operator;
    }
  }

  public DashboardFeature dashboard() {
    synchronized (lock) {
      if (dashboard == null) {
        dashboard = new DashboardFeature(DashboardSettings.from(config), database(), probeExecution(), probeBeacon(),
            alerts(), cursors(), signerInfo(config.writes()), agreementLog(), clock);
      }
      return dashboard;
    }
  }

  /**
   * The signer as the dashboard shows it: the configured address when there is one (api holds no key:
   * it shows what its preflight checked); otherwise a local key's address, derived here; KMS and
   * remote signers report theirs when wired.
   */
  static SignerInfo signerInfo(Config.Writes writes) {
    if (!writes.enabled()) {
      return SignerInfo.disabled();
    }
    String mode = writes.signerMode().name().toLowerCase(Locale.ROOT);
    if (writes.signerAddress().isPresent()) {
      return new SignerInfo(writes.signerMode() == Config.SignerMode.DISABLED ? "executor" : mode,
          writes.signerAddress());
    }
    if (writes.signerMode() == Config.SignerMode.LOCAL_KEY && writes.ownerPrivateKey().isPresent()) {
      byte[] key = writes.ownerPrivateKey().get().bytes();
      try {
        return new SignerInfo(mode, Optional.of(LocalKeySigner.fromBytes(key).address()));
      } finally {
        Arrays.fill(key, (byte) 0);
      }
    }
    return new SignerInfo(mode, Optional.empty());
  }

  public ConsoleFeature console() {
    synchronized (lock) {
      if (console == null) {
        console = new ConsoleFeature(security(), seats(), ops());
      }
      return console;
    }
  }

  /** Issue 15: the emergency pause, the operations admin and the two-person approvals, over the seats' outcomes. */
  public OpsFeature ops() {
    synchronized (lock) {
      if (ops == null) {
        ops = new OpsFeature(jdbi(), alerts(), clock, config.writes().enabled(), seats().outcomesByKind(),
            config.approvals().required(), config.approvals().ttl());
      }
      return ops;
    }
  }

  /**
   * Signed evidence bundles of one seat (issue 15): the database's record, receipts and chain heads
   * from the configured endpoints; the signing key is the deployment's Ed25519 key, loaded by the caller.
   */
  public org.centurion.seatmanager.evidence.SeatEvidenceExport evidenceExport() {
    return new org.centurion.seatmanager.evidence.SeatEvidenceExport(jdbi(), seats().queries(), ops().operations(),
        execution().map(ChainClients::all).orElse(List.of()), beacon(), clock);
  }

  /** The read-only comparison of the record with the chain (issue 15); empty without the chain section and endpoints. */
  public Optional<org.centurion.seatmanager.reconcile.Reconciliation> reconciliation() {
    Optional<org.centurion.seatmanager.seats.SeatChain> chain = seats().chain();
    Optional<ChainClients> el = execution();
    if (chain.isEmpty() || el.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new org.centurion.seatmanager.reconcile.Reconciliation(jdbi(), seats().store(), chain.get(),
        beaconReads(), el.get().primary()));
  }

  /** What {@code /metrics} reports, read from the dashboard's queue, cursors, probes and alerts. */
  public SeatManagerMetrics metrics() {
    synchronized (lock) {
      if (metrics == null) {
        DashboardFeature d = dashboard();
        metrics = new SeatManagerMetrics(jdbi(), d.queue(), cursors(), d.probe(), alerts(), clock);
        database().reportPoolTo(metrics.registry());
      }
      return metrics;
    }
  }

  private <T extends AutoCloseable> T opened(T resource) {
    opened.add(resource);
    return resource;
  }

  private TreasurySigner closedWithThese(TreasurySigner signer) {
    if (signer instanceof AutoCloseable c) {
      opened.add(c);
    }
    return signer;
  }

  /** Closes every client this opened (last opened first), then the database if it opened it. */
  @Override
  public void close() {
    synchronized (lock) {
      for (AutoCloseable r : opened.reversed()) {
        try {
          r.close();
        } catch (Exception ignored) {
          // closing clients while stopping: nothing to recover
        }
      }
      opened.clear();
      if (ownsDatabase && database != null) {
        database.close();
      }
    }
  }
}
