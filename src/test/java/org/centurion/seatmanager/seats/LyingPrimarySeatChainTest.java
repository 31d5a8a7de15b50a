package org.centurion.seatmanager.seats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.alerts.Alert;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.EndpointAgreementLog;
import org.centurion.seatmanager.beacon.BeaconClient;
import org.centurion.seatmanager.chain.ChainClients;
import org.centurion.seatmanager.chain.ChainErrorCode;
import org.centurion.seatmanager.chain.ChainException;
import org.centurion.seatmanager.chain.EndpointCrossCheck;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.chain.RpcSettings;
import org.centurion.seatmanager.config.NamedEndpoint;
import org.centurion.seatmanager.devnet.AnvilControl;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.devnet.DevnetOps;
import org.centurion.seatmanager.devnet.DevnetValidatorKey;
import org.centurion.seatmanager.devnet.beacon.BeaconSpec;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.testing.FaultyBeaconProxy;
import org.centurion.seatmanager.testing.FaultyRpcProxy;
import org.centurion.seatmanager.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.StringNode;

/**
 * The seat chain reads with a lying primary endpoint ({@link FaultyRpcProxy} in front of anvil; the
 * second endpoint is anvil itself; two must agree): fake vault code, a hidden front-running deposit
 * (its DepositEvent and the contract's latch) and a fake beacon validator status are refusals with
 * ENDPOINT_DISAGREEING, never an answer a command would act on. The front-running check reads the
 * deposit watcher's index and scans only the tail after its cursor, at a cost that does not grow with
 * the chain's history (eth_getLogs counted).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LyingPrimarySeatChainTest {
  static final BeaconSpec BEACON = new BeaconSpec(1, 4, 8, 4, 2, 2, 1_000_000L, 32,
      DevnetConfig.DEVNET_GENESIS_FORK_VERSION, 286, null);
  static final Credentials BENEFICIARY = DevnetAccounts.account(DevnetAccounts.BENEFICIARY);

  static Devnet devnet;
  static Database db;
  static FaultyRpcProxy liar;
  static FaultyBeaconProxy clLiar;
  static List<ExecutionClient> clients;
  static SeatChain chain;
  static FrontRunCheck frontRun;
  static BeaconReads beacon;
  static AlertService alerts;
  static EndpointAgreementLog log;

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(DevnetConfig.forTests().withBeacon(BEACON));
    db = Database.open(TestDatabases.fresh(), "lying-primary-test", 4);
    new Migrations(db.dataSource()).migrate();
    alerts = new AlertService(db.jdbi(), Clock.systemUTC());
    log = new EndpointAgreementLog(db.jdbi(), alerts, Clock.systemUTC());
    liar = new FaultyRpcProxy(devnet.rpcUrl());
    clLiar = new FaultyBeaconProxy(devnet.beaconUrls().get(0));
    RpcSettings rpc = new RpcSettings(Duration.ofSeconds(5), 1, Duration.ZERO, Duration.ZERO);
    clients = List.of(new ExecutionClient(new NamedEndpoint("liar", URI.create(liar.url())), rpc),
        new ExecutionClient(new NamedEndpoint("anvil", URI.create(devnet.rpcUrl())), rpc));
    EndpointCrossCheck reads = new EndpointCrossCheck(clients,
        new EndpointCrossCheck.Policy(286, 2, ChainClients.MAX_HEAD_LAG, Duration.ofSeconds(10))).recordingTo(log);
    chain = new SeatChain(reads, new SeatChainSettings(286, devnet.addresses().depositContract(),
        devnet.addresses().vaultFactory(), devnet.addresses().treasuryRouter(), devnet.addresses().principalDestination(),
        Optional.empty(), 0, BigInteger.TEN.pow(16)));
    beacon = new BeaconReads(List.of(new BeaconClient(new NamedEndpoint("cl-liar", URI.create(clLiar.url())), Duration.ofSeconds(5)),
        new BeaconClient(new NamedEndpoint("cl-b", URI.create(devnet.beaconUrls().get(1))), Duration.ofSeconds(5))), Optional.of(log));
    frontRun = new FrontRunCheck(chain, beacon, new DepositIndex(db.jdbi()));
  }

  @AfterAll
  static void stop() {
    clients.forEach(ExecutionClient::close);
    liar.close();
    clLiar.close();
    db.close();
    devnet.close();
  }

  @AfterEach
  void honest() {
    liar.honest();
    clLiar.honest();
    db.jdbi().useHandle(h -> h.execute("DELETE FROM watcher_cursors"));
  }

  private static Alert openAlertOf(String read) {
    return alerts.openAlert(EndpointAgreementLog.dedupeKey(read)).orElseThrow(() -> new AssertionError("no alert for " + read));
  }

  @Test
  @Order(1)
  void fakeVaultCodeOnThePrimaryIsARefusalNeverAVerdict() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    String vault = devnet.ops().deployVault(key.pubkey(), BENEFICIARY.getAddress()).toLowerCase(Locale.ROOT);
    assertThat(chain.vaultProblems(key.pubkey(), BENEFICIARY.getAddress(), vault)).isEmpty();

    // the primary serves other code at the vault address (here: the factory's)
    String otherCode = devnet.chain().code(devnet.addresses().vaultFactory());
    liar.lie("eth_getCode", (req, result) ->
        req.path("params").path(0).asString().equalsIgnoreCase(vault) ? StringNode.valueOf(otherCode) : result);
    assertThatThrownBy(() -> chain.vaultProblems(key.pubkey(), BENEFICIARY.getAddress(), vault))
        .isInstanceOfSatisfying(EndpointCrossCheck.CrossCheckFailedException.class,
            e -> assertThat(e.code()).isEqualTo(ChainErrorCode.ENDPOINTS_DISAGREE));
    Alert alert = openAlertOf(SeatChain.READ_VAULT_BINDING);
    assertThat(alert.kind()).isEqualTo(AlertKind.ENDPOINT_DISAGREEING);
    assertThat(alert.message()).contains("liar", "anvil", "different answers").doesNotContain(liar.url());

    liar.honest();
    assertThat(chain.vaultProblems(key.pubkey(), BENEFICIARY.getAddress(), vault)).isEmpty();
    assertThat(alerts.openAlert(EndpointAgreementLog.dedupeKey(SeatChain.READ_VAULT_BINDING))).as("resolved by agreement").isEmpty();
    assertThat(log.latest()).filteredOn(r -> r.read().equals(SeatChain.READ_VAULT_BINDING)).singleElement()
        .satisfies(r -> assertThat(r.agreeing()).containsExactly("liar", "anvil"));
  }

  @Test
  @Order(2)
  void aFrontRunningDepositThePrimaryHidesIsARefusalNotAClearance() {
    Deposited d = depositedByAnother();
    assertThat(frontRun.findings(d.pubkey())).contains("the deposit contract has already latched a deposit for this pubkey",
        "DepositEvent for this pubkey in transaction " + d.txHash());

    // the primary hides the DepositEvent and the contract's latch for this pubkey
    String pubkeyHex = d.pubkey().substring(2);
    String latchKey = Numeric.toHexStringNoPrefix(SeatChain.sha256(Numeric.hexStringToByteArray(d.pubkey())));
    liar.lie("eth_getLogs", (req, result) -> withoutLogsMentioning(result, pubkeyHex));
    liar.lie("eth_call", (req, result) -> req.path("params").path(0).path("data").asString().contains(latchKey)
        ? StringNode.valueOf("0x" + "0".repeat(64)) : result);
    assertThatThrownBy(() -> frontRun.findings(d.pubkey()))
        .isInstanceOfSatisfying(EndpointCrossCheck.CrossCheckFailedException.class,
            e -> assertThat(e.code()).isEqualTo(ChainErrorCode.ENDPOINTS_DISAGREE));
    assertThat(openAlertOf(SeatChain.READ_DEPOSIT_LATCH).kind()).isEqualTo(AlertKind.ENDPOINT_DISAGREEING);

    // the DepositEvent alone hidden (the latch told truly): the tail scan refuses
    liar.honest();
    liar.lie("eth_getLogs", (req, result) -> withoutLogsMentioning(result, pubkeyHex));
    assertThatThrownBy(() -> frontRun.findings(d.pubkey()))
        .isInstanceOfSatisfying(EndpointCrossCheck.CrossCheckFailedException.class,
            e -> assertThat(e.code()).isEqualTo(ChainErrorCode.ENDPOINTS_DISAGREE));
    assertThat(openAlertOf(SeatChain.READ_DEPOSIT_TAIL).message()).contains("liar", "anvil");
  }

  @Test
  @Order(3)
  void theCheckFindsADepositEventInTheIndexedHistoryAndInTheTail() {
    // indexed by the deposit watcher (a deposit this devnet never saw: only the index knows it)
    String indexedOnly = Numeric.toHexString(DevnetValidatorKey.random().pubkey());
    String indexedTx = "0x" + "ab".repeat(32);
    long head = devnet.chain().blockNumber();
    db.jdbi().useHandle(h -> {
      h.execute("INSERT INTO deposit_observations (block_number, block_hash, tx_hash, log_index, pubkey,"
          + " withdrawal_credentials, amount_gwei, deposit_index, verdict, observed_at) VALUES (?, ?, ?, 0, ?, ?, 32000000000, 0,"
          + " 'FOREIGN', now())", head - 1, "0x" + "cd".repeat(32), indexedTx, indexedOnly, "0x01" + "00".repeat(31));
      cursor(h, head);
    });
    assertThat(frontRun.findings(indexedOnly)).containsExactly("DepositEvent for this pubkey in transaction " + indexedTx);

    // after the watcher's cursor: only the tail scan can see it
    Deposited d = depositedByAnother();
    db.jdbi().useHandle(h -> cursor(h, d.block() - 1));
    assertThat(frontRun.findings(d.pubkey())).contains("DepositEvent for this pubkey in transaction " + d.txHash());
  }

  @Test
  @Order(4)
  void aFakeBeaconValidatorStatusRefusesTheForceExit() {
    Deposited d = depositedByAnother();
    BeaconClient probe = new BeaconClient(new NamedEndpoint("probe", URI.create(devnet.beaconUrls().get(1))), Duration.ofSeconds(5));
    for (int i = 0; i < 10 && !probe.validators("head", List.of(d.pubkey())).byPubkey().containsKey(d.pubkey()); i++) {
      devnet.advanceEpochs(1);
    }
    Optional<BeaconReads.ExitReadiness> honest = beacon.exitReadiness(d.pubkey());
    assertThat(honest).isPresent();
    String truth = honest.get().validator().status();

    // one endpoint says the validator is active and may exit: the others do not
    clLiar.validator(d.pubkey(), Map.of("status", truth.equals("active_ongoing") ? "pending_queued" : "active_ongoing"));
    assertThatThrownBy(() -> beacon.exitReadiness(d.pubkey())).isInstanceOf(BeaconReads.BeaconDisagreementException.class);
    Alert alert = openAlertOf(BeaconReads.READ_EXIT);
    assertThat(alert.kind()).isEqualTo(AlertKind.ENDPOINT_DISAGREEING);
    assertThat(alert.message()).contains("cl-liar").doesNotContain(clLiar.url());

    clLiar.honest();
    assertThat(beacon.exitReadiness(d.pubkey())).isPresent();
    assertThat(alerts.openAlert(EndpointAgreementLog.dedupeKey(BeaconReads.READ_EXIT))).isEmpty();
  }

  /**
   * Last: it lengthens the chain. eth_getLogs slices are shrunk to 10 blocks (and the check's bound
   * to 100), so that a devnet chain of a few hundred blocks is a long history: a full rescan would need
   * one slice per 10 blocks.
   */
  @Test
  @Order(5)
  void theCheckCostsTheSameOnALongHistory() throws Exception {
    FrontRunCheck check = new FrontRunCheck(new SeatChain(chain.reads(), chain.settings(), 10, 100), beacon,
        new DepositIndex(db.jdbi()));
    String untouched = Numeric.toHexString(DevnetValidatorKey.random().pubkey());
    long shortHistory = devnet.chain().blockNumber();
    assertThat(getLogsFor(check, untouched, shortHistory)).isEqualTo(1);

    mine(150);
    long longHistory = devnet.chain().blockNumber();
    assertThat(longHistory / 10).as("slices a full rescan would need").isGreaterThanOrEqualTo(15);
    assertThat(getLogsFor(check, untouched, longHistory)).as("one slice for the tail, however long the history").isEqualTo(1);

    // no watcher index and a history beyond the bound: refused without scanning it
    db.jdbi().useHandle(h -> h.execute("DELETE FROM watcher_cursors"));
    int before = liar.requests("eth_getLogs");
    assertThatThrownBy(() -> check.findings(untouched)).isInstanceOfSatisfying(ChainException.class,
        e -> assertThat(e.code()).isEqualTo(ChainErrorCode.DEPOSIT_INDEX_BEHIND));
    assertThat(liar.requests("eth_getLogs")).isEqualTo(before);
  }

  /** The eth_getLogs the primary served for one front-running check, with the watcher's cursor a few blocks behind {@code head}. */
  private static int getLogsFor(FrontRunCheck check, String pubkey, long head) {
    db.jdbi().useHandle(h -> cursor(h, head - 5));
    int before = liar.requests("eth_getLogs");
    assertThat(check.findings(pubkey)).isEmpty();
    return liar.requests("eth_getLogs") - before;
  }

  private static void cursor(org.jdbi.v3.core.Handle h, long at) {
    h.execute("INSERT INTO watcher_cursors (role, cursor_position, head_position, lag, holder, last_success_at, updated_at)"
        + " VALUES (?, ?, ?, 0, 'test', now(), now()) ON CONFLICT (role) DO UPDATE SET cursor_position = EXCLUDED.cursor_position",
        DepositIndex.WATCHER_ROLE, at, at);
  }

  private static void mine(long blocks) throws Exception {
    okhttp3.OkHttpClient slow = new okhttp3.OkHttpClient.Builder().readTimeout(Duration.ofSeconds(120))
        .callTimeout(Duration.ofSeconds(120)).build();
    HttpService service = new HttpService(devnet.rpcUrl(), slow);
    for (long left = blocks; left > 0; left -= 50) {
      var r = new Request<>("anvil_mine", List.of(Numeric.toHexStringWithPrefix(BigInteger.valueOf(Math.min(left, 50))), "0x1"),
          service, AnvilControl.ObjectResponse.class).send();
      if (r.hasError()) {
        throw new IllegalStateException("anvil_mine: " + r.getError().getMessage());
      }
    }
  }

  private record Deposited(String pubkey, String txHash, long block) {}

  /** A deposit for a fresh pubkey by someone else than the treasury, allowlisted and on chain. */
  private static Deposited depositedByAnother() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    String vault = devnet.ops().deployVault(key.pubkey(), BENEFICIARY.getAddress()).toLowerCase(Locale.ROOT);
    var data = key.depositData(DevnetOps.withdrawalCredentials(vault), DevnetValidatorKey.PHASE1_AMOUNT_GWEI,
        devnet.genesisForkVersion());
    devnet.ops().allow(data, devnet.depositor().getAddress());
    TransactionReceipt r = devnet.ops().deposit(devnet.depositor(), data);
    return new Deposited(Numeric.toHexString(key.pubkey()), r.getTransactionHash().toLowerCase(Locale.ROOT),
        r.getBlockNumber().longValueExact());
  }

  private static JsonNode withoutLogsMentioning(JsonNode logs, String hex) {
    ArrayNode kept = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    for (JsonNode l : logs) {
      if (!l.path("data").asString().toLowerCase(Locale.ROOT).contains(hex.toLowerCase(Locale.ROOT))) {
        kept.add(l);
      }
    }
    return kept;
  }
}
