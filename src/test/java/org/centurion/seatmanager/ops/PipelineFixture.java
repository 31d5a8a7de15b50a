package org.centurion.seatmanager.ops;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.centurion.seatmanager.chain.ChainClients;
import org.centurion.seatmanager.chain.EndpointCrossCheck;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.chain.FeeOracle;
import org.centurion.seatmanager.chain.FeePolicy;
import org.centurion.seatmanager.config.NamedEndpoint;
import org.centurion.seatmanager.chain.RpcSettings;
import org.centurion.seatmanager.config.DatabaseUrl;
import org.centurion.seatmanager.devnet.AnvilControl;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.signing.LocalKeySigner;
import org.centurion.seatmanager.signing.TreasurySigner;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.store.RoleLock;
import org.centurion.seatmanager.testing.TestDatabases;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/** One devnet per test class; a fresh migrated database and executor graph per test. */
final class PipelineFixture implements AutoCloseable {
  static final RpcSettings FAST_RPC = new RpcSettings(Duration.ofSeconds(3), 2, Duration.ofMillis(50), Duration.ofMillis(100));

  final Devnet devnet;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  PipelineFixture() throws IOException {
    devnet = Devnet.start(DevnetConfig.forTests());
  }

  String router() {
    return devnet.addresses().treasuryRouter();
  }

  static String treasuryKeyHex() {
    return Numeric.toHexStringNoPrefixZeroPadded(
        org.centurion.seatmanager.devnet.DevnetAccounts.account(org.centurion.seatmanager.devnet.DevnetAccounts.TREASURY_SIGNER)
            .getEcKeyPair().getPrivateKey(), 64);
  }

  static TreasurySigner treasurySigner() {
    return LocalKeySigner.fromHex(treasuryKeyHex().toCharArray());
  }

  /** A fresh database with every migration applied, plus the outcome log table tests assert on. */
  Db database() {
    DatabaseUrl url = TestDatabases.fresh();
    Database db = Database.open(url, "test", 4);
    closeables.add(db);
    new Migrations(db.dataSource()).migrate();
    db.jdbi().useHandle(h -> h.execute("CREATE TABLE outcome_log (operation_id BIGINT, verdict TEXT, detail TEXT)"));
    return new Db(url, db);
  }

  record Db(DatabaseUrl url, Database database) {
    Jdbi jdbi() {
      return database.jdbi();
    }
  }

  ExecutionClient client(String label, String url) {
    ExecutionClient c = new ExecutionClient(new NamedEndpoint(label, URI.create(url)), FAST_RPC);
    closeables.add(c);
    return c;
  }

  ExecutionClient anvilClient() {
    return client("anvil", devnet.rpcUrl());
  }

  static EndpointCrossCheck crossCheck(List<ExecutionClient> clients, int minAgreeing) {
    return new EndpointCrossCheck(clients,
        new EndpointCrossCheck.Policy(286, minAgreeing, ChainClients.MAX_HEAD_LAG, Duration.ofSeconds(2)));
  }

  static ExecutorSettings settings(String router, int confirmations) {
    return new ExecutorSettings(286, router, confirmations, Duration.ofMillis(100), Duration.ofMinutes(3),
        Duration.ofSeconds(30), 10, 25);
  }

  OperationExecutor executor(Db db, List<ExecutionClient> endpoints, int minAgreeing, ExecutorSettings settings, Clock clock,
      PipelineProbe probe) {
    return executor(db, endpoints, minAgreeing, settings, clock, probe, RECORDING);
  }

  /** The production constructor, with the given outcomes for DEPOSIT operations. */
  OperationExecutor executor(Db db, List<ExecutionClient> endpoints, int minAgreeing, ExecutorSettings settings, Clock clock,
      PipelineProbe probe, OperationOutcomes depositOutcomes) {
    RoleLock lock = new RoleLock(db.url(), "executor");
    closeables.add(lock);
    return new OperationExecutor(db.jdbi(), lock, endpoints.get(0), crossCheck(endpoints, minAgreeing),
        new FeeOracle(FeePolicy.withCapGwei(MAX_FEE_GWEI)), treasurySigner(), settings,
        Map.of(OperationKind.DEPOSIT, depositOutcomes), clock, probe, PipelineMechanicsGuard.INSTANCE,
        new org.centurion.seatmanager.alerts.AlertService(db.jdbi(), clock), new org.centurion.seatmanager.alerts.MoveHolds(db.jdbi()));
  }

  static final long MAX_FEE_GWEI = 500;

  /** Any anvil control call (evm_*, anvil_*); its result as anvil sent it. */
  Object anvil(String method, Object... params) throws IOException {
    var r = new Request<>(method, List.of(params), new HttpService(devnet.rpcUrl()), AnvilControl.ObjectResponse.class).send();
    if (r.hasError()) {
      throw new IllegalStateException(method + ": " + r.getError().getMessage());
    }
    return r.getResult();
  }

  /** Writes each verdict into outcome_log through the verdict's own transaction handle. */
  static final OperationOutcomes RECORDING = new OperationOutcomes() {
    @Override
    public void confirmed(Handle tx, Operation operation, TransactionReceipt receipt) {
      tx.execute("INSERT INTO outcome_log VALUES (?, 'confirmed', ?)", operation.id(), receipt.getTransactionHash());
    }

    @Override
    public void failed(Handle tx, Operation operation, String reason) {
      tx.execute("INSERT INTO outcome_log VALUES (?, 'failed', ?)", operation.id(), reason);
    }
  };

  /** A router payment to a brand-new address: its balance counts the on-chain effects exactly. */
  static RouterCall payment(String target, BigInteger wei) {
    return new RouterCall(target, wei, "0x");
  }

  static String freshAddress() {
    byte[] b = new byte[20];
    ThreadLocalRandom.current().nextBytes(b);
    return Numeric.toHexString(b);
  }

  static Operation enqueue(Jdbi jdbi, RouterCall call) {
    return jdbi.inTransaction(h -> new OperationService(jdbi).enqueue(h,
        new NewOperation(Optional.empty(), OperationKind.DEPOSIT, call, java.time.Instant.EPOCH, "test")));
  }

  BigInteger balance(String address) {
    return devnet.chain().balance(address);
  }

  BigInteger senderNonce() throws IOException {
    return devnet.web3j().ethGetTransactionCount(devnet.treasurySigner().getAddress(), DefaultBlockParameterName.LATEST)
        .send().getTransactionCount();
  }

  void automine(boolean on) throws IOException {
    var r = new Request<>("evm_setAutomine", List.of(on), new HttpService(devnet.rpcUrl()), AnvilControl.ObjectResponse.class).send();
    if (r.hasError()) {
      throw new IllegalStateException(r.getError().getMessage());
    }
  }

  void mine() {
    devnet.chain().mine();
  }

  static List<Map<String, Object>> rows(Jdbi jdbi, String sql, Object... args) {
    return jdbi.withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) {
        q.bind(i, args[i]);
      }
      return q.mapToMap().list();
    });
  }

  @Override
  public void close() {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception ignored) {
        // best effort
      }
    }
    devnet.close();
  }
}
