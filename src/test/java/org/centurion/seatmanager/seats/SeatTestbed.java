package org.centurion.seatmanager.seats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.centurion.seatmanager.chain.ChainClients;
import org.centurion.seatmanager.chain.EndpointCrossCheck;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.chain.FeeOracle;
import org.centurion.seatmanager.chain.FeePolicy;
import org.centurion.seatmanager.config.NamedEndpoint;
import org.centurion.seatmanager.chain.RpcSettings;
import org.centurion.seatmanager.ops.ExecutorSettings;
import org.centurion.seatmanager.ops.OperationExecutor;
import org.centurion.seatmanager.ops.PipelineProbe;
import org.centurion.seatmanager.signing.LocalKeySigner;
import org.centurion.seatmanager.store.RoleLock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.centurion.seatmanager.app.Components;
import org.centurion.seatmanager.auth.NewSession;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.web.auth.SessionCookie;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.config.Environment;
import org.centurion.seatmanager.devnet.AbiCall;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.devnet.DevnetValidatorKey;
import org.centurion.seatmanager.devnet.ReferenceContracts.Sig;
import org.centurion.seatmanager.devnet.beacon.BeaconSpec;
import org.centurion.seatmanager.ops.Operation;
import org.centurion.seatmanager.ops.OperationService;
import org.centurion.seatmanager.testing.TestApi;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * One devnet and one API with writes enabled and the chain section pointing at it, shared by a
 * test class. The deposit contract's allowlist admin is handed to the router with the contract's
 * two-step transfer (which starts allowlist epoch 1), as in production. The real operation
 * executor (treasury key, router, receipts, nonce ledger) runs the queued operations and hands
 * each verdict to the seats feature's outcome handlers.
 */
final class SeatTestbed implements AutoCloseable {
  static final BeaconSpec BEACON = new BeaconSpec(1, 4, 8, 4, 2, 2, 1_000_000L, 32,
      DevnetConfig.DEVNET_GENESIS_FORK_VERSION, 286, null);

  final Devnet devnet;
  final TestApi api;
  final SecurityFixture fx;
  final SeatsFeature seats;
  final Components components;
  final OperationService operations;
  final SecurityFixture.TestUser admin;
  final String adminToken;
  final NewSession adminSession;
  final java.util.concurrent.atomic.AtomicReference<Duration> clockOffset =
      new java.util.concurrent.atomic.AtomicReference<>(Duration.ZERO);
  final OperationExecutor executor;
  final RoleLock executorLock;
  final ExecutionClient executorClient;
  /** Where the executor's pipeline probe points; a test sets it to act at a point of the pipeline. */
  final java.util.concurrent.atomic.AtomicReference<PipelineProbe> probe = new java.util.concurrent.atomic.AtomicReference<>(PipelineProbe.NONE);

  /** The executor's signer: the production composition (local key), or another mode a test switches to. */
  final SwitchableSigner signer;
  private final org.centurion.seatmanager.config.Config config;
  private org.centurion.seatmanager.signing.SignerModes signerModes;
  private final Map<org.centurion.seatmanager.signing.SignerModes.Mode, org.centurion.seatmanager.signing.TreasurySigner> modeSigners =
      new java.util.EnumMap<>(org.centurion.seatmanager.signing.SignerModes.Mode.class);

  /** The static admin token configured for the deployment (issue 12's stolen-token case). */
  static final String STATIC_TOKEN = org.centurion.seatmanager.testing.TestSecrets.hex32();

  SeatTestbed() throws Exception {
    this(Map.of());
  }

  /** @param extraEnv more configuration for the API (issue 15: SEAT_MANAGER_APPROVALS_REQUIRED) */
  SeatTestbed(Map<String, String> extraEnv) throws Exception {
    devnet = Devnet.start(DevnetConfig.forTests().withBeacon(BEACON));
    String router = devnet.addresses().treasuryRouter();
    devnet.transactor().send(devnet.allowlistAdmin(), devnet.addresses().depositContract(), BigInteger.ZERO,
        AbiCall.encode(Sig.TRANSFER_ALLOWLIST_ADMIN, AbiCall.address(router)));
    devnet.ops().viaRouter(devnet.addresses().depositContract(), BigInteger.ZERO, AbiCall.encode(Sig.ACCEPT_ALLOWLIST_ADMIN));
    Map<String, String> env = new HashMap<>();
    env.put("SEAT_MANAGER_WRITES_ENABLED", "true");
    env.put("SEAT_MANAGER_OWNER_PRIVATE_KEY",
        Numeric.toHexStringNoPrefixZeroPadded(devnet.treasurySigner().getEcKeyPair().getPrivateKey(), 64));
    env.put("SEAT_MANAGER_CHAIN_ID", "286");
    env.put("SEAT_MANAGER_EL_RPC_URLS", "anvil=" + devnet.rpcUrl());
    env.put("SEAT_MANAGER_CL_API_URLS", "cl1=" + devnet.beaconUrls().get(0) + ",cl2=" + devnet.beaconUrls().get(1));
    env.put("SEAT_MANAGER_MIN_AGREEING_ENDPOINTS", "1");
    env.put("SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS", devnet.addresses().depositContract());
    env.put("SEAT_MANAGER_VAULT_FACTORY_ADDRESS", devnet.addresses().vaultFactory());
    env.put("SEAT_MANAGER_ROUTER_ADDRESS", router);
    env.put("SEAT_MANAGER_PRINCIPAL_DESTINATION", devnet.addresses().principalDestination());
    env.put("SEAT_MANAGER_GENESIS_FORK_VERSION", Numeric.toHexString(devnet.genesisForkVersion()));
    env.put("SEAT_MANAGER_ALLOW_MULTIPLE_SEATS_PER_OPERATOR", "false");
    env.put("SEAT_MANAGER_STATIC_ADMIN_TOKEN", STATIC_TOKEN);
    // The lifecycle tests fund many seats in one class; the default of 10 a day is for production.
    env.put("SEAT_MANAGER_SIGNER_MAX_DEPOSITS_PER_DAY", "100");
    env.putAll(extraEnv);
    api = TestApi.start(env);
    fx = new SecurityFixture(api, Clock.systemUTC());
    config = ConfigLoader.load(new Environment(api.env()), "127.0.0.1", 0);
    // The production graph over the test's database: the watch side's seats feature, signer and guard.
    components = Components.over(config, fx.db, Clock.systemUTC());
    operations = components.operations();
    seats = components.seats();
    admin = fx.user(Role.ADMIN);
    adminSession = fx.session(admin);
    adminToken = adminSession.token();
    // The production composition: the local key behind the treasury policy, its ledger in the database.
    signer = new SwitchableSigner(components.treasurySigner());
    executorClient = new ExecutionClient(new NamedEndpoint("anvil", URI.create(devnet.rpcUrl())), RpcSettings.defaults());
    executorLock = new RoleLock(api.databaseUrl(), "executor");
    Clock executorClock = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.now().plus(clockOffset.get());
      }
    };
    executor = new OperationExecutor(fx.db.jdbi(), executorLock, executorClient,
        new EndpointCrossCheck(List.of(executorClient), new EndpointCrossCheck.Policy(286, 1, ChainClients.MAX_HEAD_LAG,
            Duration.ofSeconds(2))),
        new FeeOracle(FeePolicy.withCapGwei(500)),
        signer,
        new ExecutorSettings(286, router, 1, Duration.ofMillis(50), Duration.ofMinutes(3), Duration.ofSeconds(1), 10, 25),
        seats.outcomesByKind(), executorClock, (point, intentId) -> probe.get().reached(point, intentId),
        components.treasuryGuard().orElseThrow(),
        // the executor's alerts carry its (shiftable) clock, as its own AlertService did before
        new org.centurion.seatmanager.alerts.AlertService(fx.db.jdbi(), executorClock), components.moveHolds());
  }

  /**
   * Runs the real operation executor until the operation has its verdict; the executor signs with
   * the treasury key, sends through the router, waits for the receipt and calls the seats outcomes.
   */
  Operation execute(long operationId) {
    for (int i = 0; i < 50; i++) {
      executor.tick();
      Operation op = operations.find(operationId).orElseThrow();
      if (op.status().isFinal()) {
        org.assertj.core.api.Assertions.assertThat(op.status()).as("operation %s: %s", operationId, op.lastError())
            .isEqualTo(org.centurion.seatmanager.ops.OperationStatus.CONFIRMED);
        return op;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("operation " + operationId + " got no verdict");
  }

  /** Chain time moved forward: the executor's clock follows, so deferred operations become due. */
  void advanceChainTime(Duration d) {
    devnet.advanceChainTime(d);
    clockOffset.updateAndGet(o -> o.plus(d));
  }

  /** A fresh (single-use) step-up token of the admin session for {@code route} ("POST /v1/seats/7/settle"). */
  String stepUpFor(String route) {
    return fx.stepUpToken(adminSession, admin, route);
  }

  HttpResponse<String> post(String path, String body, boolean stepUp, String idempotencyKey) {
    HttpRequest.Builder b = fx.bearer(path, adminToken).header("Content-Type", "application/json");
    if (stepUp) {
      b.header(StepUpService.HEADER, stepUpFor("POST " + path));
    }
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    return api.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** A POST with a bearer credential of the caller's choosing and no step-up token: a stolen credential. */
  HttpResponse<String> postAs(String bearer, String path, String body) {
    return api.send(fx.bearer(path, bearer).header("Content-Type", "application/json")
        .header("Idempotency-Key", UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> post(String path, String body, boolean stepUp) {
    return post(path, body, stepUp, UUID.randomUUID().toString());
  }

  /**
   * A console form post as the browser sends it: the admin's session cookie, the CSRF header htmx
   * adds, the form fields; for a step-up action the form carries the admin's password.
   */
  HttpResponse<String> consoleForm(String path, Map<String, String> form) {
    return consoleFormAs(admin, path, form);
  }

  /** A console page as {@code user}, signed in with a fresh session. */
  HttpResponse<String> consolePageAs(SecurityFixture.TestUser user, String path) {
    NewSession s = fx.session(user);
    return api.send(api.request(path).header("Cookie", SessionCookie.NAME + "=" + s.token()).GET().build());
  }

  /** A console form posted through htmx as {@code user}, with a fresh session and its CSRF token. */
  HttpResponse<String> consoleFormAs(SecurityFixture.TestUser user, String path, Map<String, String> form) {
    NewSession s = fx.session(user);
    String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
        + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return api.send(api.request(path).header("Content-Type", "application/x-www-form-urlencoded")
        .header("HX-Request", "true").header("Cookie", SessionCookie.NAME + "=" + s.token())
        .header("X-CSRF-Token", s.csrfToken()).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** The console's irreversible seat action form, confirmed with the seat id and the admin's password. */
  HttpResponse<String> consoleAction(long seatId, String action) {
    return consoleForm("/console/seats/" + seatId + "/" + action,
        Map.of("confirmSeat", Long.toString(seatId), "confirmPassword", admin.password()));
  }

  /** The id of the newest operation of a seat (what a console action queued). */
  long newestOperation(long seatId) {
    return fx.db.jdbi().withHandle(h -> h.createQuery("SELECT max(id) FROM operations WHERE seat_id = :s")
        .bind("s", seatId).mapTo(Long.class).one());
  }

  JsonNode get(String path) {
    return SecurityFixture.json(fx.getBearer(path, adminToken));
  }

  String state(long seatId) {
    return get("/v1/seats/" + seatId).path("state").asString();
  }

  /** The seat a confirmed vault deployment created. */
  long seatOf(String pubkey) {
    return fx.db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM seats WHERE pubkey = :p").bind("p", pubkey)
        .mapTo(Long.class).one());
  }

  /** One number from the test's database: {@code SELECT count(*) …} with positional binds. */
  long count(String sql, Object... binds) {
    return fx.db.jdbi().withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < binds.length; i++) {
        q.bind(i, binds[i]);
      }
      return q.mapTo(Long.class).one();
    });
  }

  /** A seat driven to ACTIVE through the real routes and executor (the CL watcher's moves stand in). */
  long activeSeat(DevnetValidatorKey key, String operator) {
    String pubkey = Numeric.toHexString(key.pubkey());
    HttpResponse<String> created = post("/v1/seats/with-vault", withVaultBody(operator,
        DevnetAccounts.account(DevnetAccounts.BENEFICIARY).getAddress(), key.pubkey()), false);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    execute(SecurityFixture.json(created).path("operation").path("id").asLong());
    long id = seatOf(pubkey);
    String vault = SecurityFixture.json(created).path("vault").asString();
    assertThat(post("/v1/seats/" + id + "/deposit-data", depositFile(key, vault, devnet.genesisForkVersion()), false)
        .statusCode()).isEqualTo(200);
    execute(SecurityFixture.json(post("/v1/seats/" + id + "/approve", "", false)).path("operation").path("id").asLong());
    execute(SecurityFixture.json(post("/v1/seats/" + id + "/deposit", "", true)).path("operation").path("id").asLong());
    devnet.advanceEpochs(1);
    watcherMove(id, SeatState.DEPOSITED, SeatState.SEEN_BY_CL);
    devnet.advanceEpochs(3);
    assertThat(beaconStatus(pubkey)).isEqualTo("active_ongoing");
    watcherMove(id, SeatState.SEEN_BY_CL, SeatState.ACTIVE);
    return id;
  }

  /** The validator's status on the first beacon endpoint, as the API's validator read reports it. */
  Object beaconStatus(String pubkey) {
    return seats.queries().validator(pubkey, org.centurion.seatmanager.auth.Caller.anonymous("127.0.0.1")).get("beaconStatus");
  }

  /** A move the CL watcher would make, recorded with beacon evidence of the current epoch. */
  void watcherMove(long id, SeatState from, SeatState to) {
    long epoch = devnet.beacon().currentEpoch();
    fx.db.jdbi().useTransaction(h -> seats.transitions().move(h, id, from, to,
        Evidence.beacon("finalized", epoch, epoch * BEACON.slotsPerEpoch(), "0x" + "00".repeat(32), "test watcher",
            "watcher:test")));
  }

  static String withVaultBody(String operator, String beneficiary, byte[] pubkey) {
    return "{\"operatorId\":\"" + operator + "\",\"beneficiary\":\"" + beneficiary + "\",\"pubkey\":\""
        + Numeric.toHexString(pubkey) + "\"}";
  }

  /** The deposit-cli file a validator operator would submit for this key and vault. */
  String depositFile(DevnetValidatorKey key, String vault, byte[] forkVersion) {
    return org.centurion.seatmanager.testing.DepositCliFiles.forSeat(key, vault, forkVersion);
  }

  /**
   * The executor signs in {@code mode} from now on (opened once per mode as production opens it; the
   * isolated signer as a child process); LOCAL_KEY is the testbed's own composition.
   */
  void signWith(org.centurion.seatmanager.signing.SignerModes.Mode mode) throws Exception {
    if (mode == org.centurion.seatmanager.signing.SignerModes.Mode.LOCAL_KEY) {
      signer.target.set(signer.original);
      return;
    }
    if (signerModes == null) {
      signerModes = new org.centurion.seatmanager.signing.SignerModes(devnet, config.chain());
    }
    org.centurion.seatmanager.signing.TreasurySigner s = modeSigners.get(mode);
    if (s == null) {
      s = signerModes.open(mode, fx.db.jdbi());
      modeSigners.put(mode, s);
    }
    signer.target.set(s);
  }

  /** A signer that forwards to the one the test chose; the executor keeps one reference. */
  static final class SwitchableSigner implements org.centurion.seatmanager.signing.TreasurySigner {
    final org.centurion.seatmanager.signing.TreasurySigner original;
    final java.util.concurrent.atomic.AtomicReference<org.centurion.seatmanager.signing.TreasurySigner> target;

    SwitchableSigner(org.centurion.seatmanager.signing.TreasurySigner original) {
      this.original = original;
      this.target = new java.util.concurrent.atomic.AtomicReference<>(original);
    }

    @Override
    public String address() {
      return target.get().address();
    }

    @Override
    public org.centurion.seatmanager.signing.SignedTransaction sign(org.web3j.crypto.RawTransaction transaction, long chainId) {
      return target.get().sign(transaction, chainId);
    }

    @Override
    public org.centurion.seatmanager.signing.SignedTransaction sign(org.web3j.crypto.RawTransaction transaction, long chainId,
        org.centurion.seatmanager.signing.SigningJustification justification) {
      return target.get().sign(transaction, chainId, justification);
    }

    @Override
    public String mode() {
      return target.get().mode();
    }
  }

  @Override
  public void close() {
    if (signerModes != null) {
      try {
        signerModes.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    executorLock.close();
    executorClient.close();
    components.close();
    fx.close();
    api.close();
    devnet.close();
  }
}
