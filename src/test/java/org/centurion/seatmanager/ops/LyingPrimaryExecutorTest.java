package org.centurion.seatmanager.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.centurion.seatmanager.ops.PipelineFixture.enqueue;
import static org.centurion.seatmanager.ops.PipelineFixture.freshAddress;
import static org.centurion.seatmanager.ops.PipelineFixture.payment;
import static org.centurion.seatmanager.ops.PipelineFixture.rows;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.centurion.seatmanager.alerts.Alert;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.EndpointAgreementLog;
import org.centurion.seatmanager.auth.TestClock;
import org.centurion.seatmanager.chain.ChainClients;
import org.centurion.seatmanager.chain.EndpointCrossCheck;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.chain.FeeOracle;
import org.centurion.seatmanager.chain.FeePolicy;
import org.centurion.seatmanager.chain.FeeSuggestion;
import org.centurion.seatmanager.testing.FaultyRpcProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The real executor with two endpoints that must agree, the primary one lying ({@link FaultyRpcProxy}
 * in front of anvil rewriting its answers; the other is anvil itself): a fake receipt confirms
 * nothing and moves no outcome, a false nonce signs nothing, fees are no one endpoint's word. Each
 * refused read raises ENDPOINT_DISAGREEING naming the read and is recorded for the health report.
 */
class LyingPrimaryExecutorTest extends PipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static FaultyRpcProxy liar;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T08:00:00Z"));

  @BeforeAll
  static void startProxy() throws Exception {
    liar = new FaultyRpcProxy(fx.devnet.rpcUrl());
  }

  @AfterAll
  static void stopProxy() {
    liar.close();
  }

  @AfterEach
  void honest() throws IOException {
    liar.honest();
    fx.automine(true);
  }

  private record Rig(OperationExecutor executor, EndpointAgreementLog log, AlertService alerts) {}

  private Rig rig(PipelineFixture.Db db) {
    List<ExecutionClient> endpoints = List.of(fx.client("liar", liar.url()), fx.client("anvil", fx.devnet.rpcUrl()));
    AlertService alerts = new AlertService(db.jdbi(), Clock.systemUTC());
    EndpointAgreementLog log = new EndpointAgreementLog(db.jdbi(), alerts, clock);
    EndpointCrossCheck check = new EndpointCrossCheck(endpoints,
        new EndpointCrossCheck.Policy(286, 2, ChainClients.MAX_HEAD_LAG, Duration.ofSeconds(5))).recordingTo(log);
    OperationExecutor ex = fx.executor(db, endpoints, check, PipelineFixture.settings(fx.router(), 1), clock, PipelineProbe.NONE,
        PipelineFixture.RECORDING);
    return new Rig(ex, log, alerts);
  }

  private static String status(PipelineFixture.Db db, long id) {
    return new OperationService(db.jdbi()).find(id).orElseThrow().status().name();
  }

  @Test
  void aFakeReceiptFromThePrimaryConfirmsNothingAndRaisesTheAlert() throws Exception {
    PipelineFixture.Db db = fx.database();
    Rig rig = rig(db);
    String target = freshAddress();
    Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(41)));
    fx.automine(false); // our transaction stays in the mempool: no honest node has a receipt
    assertThat(rig.executor().tick().started()).isEqualTo(1);
    String txHash = (String) rows(db.jdbi(), "SELECT tx_hash FROM tx_attempts").get(0).get("tx_hash");

    // the primary invents a successful receipt in its current head block (whose hash it reports truly)
    liar.lie("eth_getTransactionReceipt", (req, result) -> fakeReceipt(req.path("params").path(0).asString()));
    rig.executor().tick();
    rig.executor().tick();

    assertThat(status(db, op.id())).isEqualTo("IN_FLIGHT");
    assertThat(rows(db.jdbi(), "SELECT * FROM outcome_log")).as("no feature outcome ran").isEmpty();
    assertThat(rows(db.jdbi(), "SELECT status FROM tx_intents")).extracting(r -> (String) r.get("status")).isSubsetOf("SENT", "MINED");
    Alert alert = rig.alerts().openAlert(EndpointAgreementLog.dedupeKey(ChainVerdicts.READ_RECEIPT)).orElseThrow();
    assertThat(alert.kind()).isEqualTo(AlertKind.ENDPOINT_DISAGREEING);
    assertThat(alert.message()).contains("liar", "anvil", "ENDPOINTS_DISAGREE").doesNotContain(liar.url());
    assertThat(rig.log().latest()).filteredOn(r -> r.read().equals(ChainVerdicts.READ_RECEIPT)).singleElement()
        .satisfies(r -> {
          assertThat(r.agreed()).isFalse();
          assertThat(r.failureCode()).contains("ENDPOINTS_DISAGREE");
        });

    // the truth: mined for real, both endpoints agree, the operation confirms and the alert resolves
    liar.honest();
    fx.automine(true);
    fx.mine();
    rig.executor().tick();
    assertThat(status(db, op.id())).isEqualTo("CONFIRMED");
    assertThat(rows(db.jdbi(), "SELECT detail FROM outcome_log")).extracting(r -> r.get("detail")).containsExactly(txHash);
    assertThat(rig.alerts().openAlert(EndpointAgreementLog.dedupeKey(ChainVerdicts.READ_RECEIPT))).isEmpty();
    assertThat(rig.log().latest()).filteredOn(r -> r.read().equals(ChainVerdicts.READ_RECEIPT)).singleElement()
        .satisfies(r -> {
          assertThat(r.agreed()).isTrue();
          assertThat(r.agreeing()).containsExactly("liar", "anvil");
        });
  }

  @Test
  void aFalseNonceFromThePrimarySignsNothing() throws Exception {
    PipelineFixture.Db db = fx.database();
    Rig rig = rig(db);
    String target = freshAddress();
    Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(42)));
    liar.lie("eth_getTransactionCount", (req, result) ->
        StringNode.valueOf(Numeric.toHexStringWithPrefix(Numeric.decodeQuantity(result.asString()).add(BigInteger.valueOf(5)))));
    BigInteger nonceBefore = fx.senderNonce();

    assertThat(rig.executor().tick().started()).isZero();
    assertThat(rows(db.jdbi(), "SELECT * FROM tx_intents")).as("no nonce taken, nothing signed").isEmpty();
    assertThat(rows(db.jdbi(), "SELECT * FROM tx_attempts")).isEmpty();
    assertThat(fx.senderNonce()).as("nothing broadcast").isEqualTo(nonceBefore);
    assertThat(fx.balance(target)).isZero();
    assertThat(status(db, op.id())).isEqualTo("QUEUED");
    assertThat(rig.alerts().openAlert(EndpointAgreementLog.dedupeKey("router signer and sender nonce")))
        .hasValueSatisfying(a -> assertThat(a.kind()).isEqualTo(AlertKind.ENDPOINT_DISAGREEING));

    liar.honest();
    clock.advance(Duration.ofMinutes(1)); // past the retry delay
    assertThat(rig.executor().tick().started()).isEqualTo(1);
    rig.executor().tick();
    assertThat(status(db, op.id())).isEqualTo("CONFIRMED");
    assertThat(fx.balance(target)).isEqualTo(BigInteger.valueOf(42));
  }

  @Test
  void aPendingNonceAboveWhatOurIntentsExplainSignsNothingAndRaisesTheAlert() throws Exception {
    PipelineFixture.Db db = fx.database();
    Rig rig = rig(db);
    String target = freshAddress();
    Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(44)));
    // the primary tells the truth at every block, and lies only about its pool: a nonce gap of 3
    liar.lie("eth_getTransactionCount", (req, result) -> req.path("params").path(1).asString().equals("pending")
        ? StringNode.valueOf(Numeric.toHexStringWithPrefix(Numeric.decodeQuantity(result.asString()).add(BigInteger.valueOf(3))))
        : result);
    BigInteger nonceBefore = fx.senderNonce();

    assertThat(rig.executor().tick().started()).isZero();
    assertThat(rows(db.jdbi(), "SELECT * FROM tx_intents")).as("no nonce taken, nothing signed").isEmpty();
    assertThat(rows(db.jdbi(), "SELECT * FROM tx_attempts")).isEmpty();
    assertThat(fx.senderNonce()).as("nothing broadcast").isEqualTo(nonceBefore);
    assertThat(status(db, op.id())).isEqualTo("QUEUED");
    assertThat(rows(db.jdbi(), "SELECT tick_failures FROM operations")).extracting(r -> ((Number) r.get("tick_failures")).intValue())
        .as("the world holds it, not the operation").containsExactly(0);
    Alert alert = rig.alerts().openAlert(EndpointAgreementLog.dedupeKey(OperationStarter.READ_PENDING_NONCE)).orElseThrow();
    assertThat(alert.kind()).isEqualTo(AlertKind.ENDPOINT_DISAGREEING);
    assertThat(alert.message()).contains("liar: DISAGREED", "ENDPOINTS_DISAGREE").doesNotContain(liar.url());

    liar.honest();
    clock.advance(Duration.ofMinutes(1));
    assertThat(rig.executor().tick().started()).isEqualTo(1);
    rig.executor().tick();
    assertThat(status(db, op.id())).isEqualTo("CONFIRMED");
    assertThat(rows(db.jdbi(), "SELECT nonce FROM tx_intents")).extracting(r -> ((Number) r.get("nonce")).longValue())
        .as("signed at the chain's next nonce, no gap").containsExactly(nonceBefore.longValueExact());
    assertThat(rig.alerts().openAlert(EndpointAgreementLog.dedupeKey(OperationStarter.READ_PENDING_NONCE))).isEmpty();
  }

  @Test
  void aPendingNonceBehindOurOwnTransactionsCannotReuseAConsumedNonce() throws Exception {
    PipelineFixture.Db db = fx.database();
    Rig rig = rig(db);
    String first = freshAddress();
    String second = freshAddress();
    fx.automine(false);
    enqueue(db.jdbi(), payment(first, BigInteger.valueOf(45)));
    assertThat(rig.executor().tick().started()).isEqualTo(1);
    // the primary's pool "forgets" our unmined transaction: its pending nonce is the mined one
    liar.lie("eth_getTransactionCount", (req, result) -> req.path("params").path(1).asString().equals("pending")
        ? StringNode.valueOf(Numeric.toHexStringWithPrefix(minedNonce()))
        : result);
    enqueue(db.jdbi(), payment(second, BigInteger.valueOf(46)));
    clock.advance(Duration.ofMinutes(1));
    assertThat(rig.executor().tick().started()).isEqualTo(1);
    liar.honest();
    fx.automine(true);
    fx.mine();
    rig.executor().tick();
    rig.executor().tick();
    assertThat(rows(db.jdbi(), "SELECT nonce FROM tx_intents ORDER BY nonce")).extracting(r -> ((Number) r.get("nonce")).longValue())
        .as("two nonces in a row, none reused").doesNotHaveDuplicates().hasSize(2);
    assertThat(fx.balance(first)).isEqualTo(BigInteger.valueOf(45));
    assertThat(fx.balance(second)).isEqualTo(BigInteger.valueOf(46));
  }

  @Test
  void aLyingHighGasEstimateSignsNothingAndALowOneCannotStarveTheTransaction() throws Exception {
    PipelineFixture.Db db = fx.database();
    Rig rig = rig(db);
    String target = freshAddress();
    Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(47)));
    // the primary asks ten times the gas the call needs (a signature under the gas cap, or locked-up fees)
    liar.lie("eth_estimateGas", (req, result) ->
        StringNode.valueOf(Numeric.toHexStringWithPrefix(Numeric.decodeQuantity(result.asString()).multiply(BigInteger.TEN))));
    BigInteger nonceBefore = fx.senderNonce();

    assertThat(rig.executor().tick().started()).isZero();
    assertThat(rows(db.jdbi(), "SELECT * FROM tx_intents")).as("no nonce taken, nothing signed").isEmpty();
    assertThat(fx.senderNonce()).isEqualTo(nonceBefore);
    assertThat(status(db, op.id())).isEqualTo("QUEUED");
    Alert alert = rig.alerts().openAlert(EndpointAgreementLog.dedupeKey(PreSigningChecks.READ_GAS_ESTIMATE)).orElseThrow();
    assertThat(alert.kind()).isEqualTo(AlertKind.ENDPOINT_DISAGREEING);
    assertThat(alert.message()).contains("liar: DISAGREED", "anvil: DISAGREED", "ENDPOINTS_DISAGREE");

    // a primary that estimates a third of the gas is refused the same way
    liar.lie("eth_estimateGas", (req, result) ->
        StringNode.valueOf(Numeric.toHexStringWithPrefix(Numeric.decodeQuantity(result.asString()).divide(BigInteger.valueOf(3)))));
    clock.advance(Duration.ofMinutes(1));
    assertThat(rig.executor().tick().started()).as("estimates too far apart either way").isZero();
    assertThat(rows(db.jdbi(), "SELECT * FROM tx_intents")).isEmpty();

    // one a little low (within what honest implementations differ by): the highest estimate is signed with
    liar.lie("eth_estimateGas", (req, result) -> StringNode.valueOf(Numeric.toHexStringWithPrefix(
        Numeric.decodeQuantity(result.asString()).multiply(BigInteger.valueOf(95)).divide(BigInteger.valueOf(100)))));
    clock.advance(Duration.ofMinutes(1));
    assertThat(rig.executor().tick().started()).isEqualTo(1);
    liar.honest();
    rig.executor().tick();
    assertThat(status(db, op.id())).isEqualTo("CONFIRMED");
    assertThat(fx.balance(target)).isEqualTo(BigInteger.valueOf(47));
    String calldata = (String) rows(db.jdbi(), "SELECT calldata FROM tx_intents").get(0).get("calldata");
    BigInteger honestEstimate = fx.client("anvil", fx.devnet.rpcUrl()).estimateGas(fx.devnet.treasurySigner().getAddress(),
        fx.router(), BigInteger.ZERO, calldata);
    assertThat(rows(db.jdbi(), "SELECT gas_limit FROM tx_intents")).extracting(r -> new BigInteger(r.get("gas_limit").toString()))
        .singleElement().satisfies(g -> assertThat(g).as("not the low estimate").isGreaterThanOrEqualTo(honestEstimate));
    assertThat(rig.alerts().openAlert(EndpointAgreementLog.dedupeKey(PreSigningChecks.READ_GAS_ESTIMATE))).isEmpty();
  }

  /**
   * The treasury guard's simulation on a lying primary: a hidden value move is not a pass, an
   * invented one is not a refusal; either way nothing passes on one endpoint's word and the read is alerted.
   */
  @Test
  void theGuardSimulationIsNoOneEndpointsWord() {
    PipelineFixture.Db db = fx.database();
    AlertService alerts = new AlertService(db.jdbi(), Clock.systemUTC());
    EndpointAgreementLog log = new EndpointAgreementLog(db.jdbi(), alerts, clock);
    CallSimulator simulator = new CallSimulator(new EndpointCrossCheck(
        List.of(fx.client("liar", liar.url()), fx.client("anvil", fx.devnet.rpcUrl())),
        new EndpointCrossCheck.Policy(286, 2, ChainClients.MAX_HEAD_LAG, Duration.ofSeconds(5))).recordingTo(log));
    String target = freshAddress();
    RouterCall call = payment(target, BigInteger.valueOf(48));
    String from = fx.devnet.treasurySigner().getAddress();
    String calldata = RouterAbi.execute(call);
    BigInteger gas = BigInteger.valueOf(200_000);
    ExpectedCall paysTarget = new ExpectedCall(call, org.centurion.seatmanager.signing.SigningJustification.NONE, List.of(),
        List.of(new ExpectedCall.AllowedTransfer(fx.router(), target, java.util.Optional.of(BigInteger.valueOf(48)))));
    ExpectedCall movesNothing = new ExpectedCall(call, org.centurion.seatmanager.signing.SigningJustification.NONE, List.of(), List.of());
    String readKey = EndpointAgreementLog.dedupeKey(CallSimulator.READ);

    simulator.check(paysTarget, from, fx.router(), calldata, gas); // both honest: passes
    assertThatThrownBy(() -> simulator.check(movesNothing, from, fx.router(), calldata, gas)).as("both see the value move")
        .isInstanceOfSatisfying(GuardRefusal.class, r -> assertThat(r.code()).isEqualTo(GuardRefusal.Code.UNEXPECTED_VALUE_MOVE));

    // the primary hides the router's payment (no inner frames): not a pass
    liar.lie("debug_traceCall", (req, result) -> {
      ObjectNode r = (ObjectNode) result.deepCopy();
      r.putArray("calls");
      return r;
    });
    assertThatThrownBy(() -> simulator.check(movesNothing, from, fx.router(), calldata, gas))
        .isInstanceOfSatisfying(EndpointCrossCheck.CrossCheckFailedException.class,
            e -> assertThat(e.code()).isEqualTo(org.centurion.seatmanager.chain.ChainErrorCode.ENDPOINTS_DISAGREE));
    assertThat(alerts.openAlert(readKey)).hasValueSatisfying(a -> {
      assertThat(a.kind()).isEqualTo(AlertKind.ENDPOINT_DISAGREEING);
      assertThat(a.message()).contains("liar", "anvil").doesNotContain(liar.url());
    });

    // the primary invents a revert of a good call: not a refusal that would fail the operation
    liar.lie("debug_traceCall", (req, result) -> {
      ObjectNode r = (ObjectNode) result.deepCopy();
      r.put("error", "execution reverted");
      return r;
    });
    assertThatThrownBy(() -> simulator.check(paysTarget, from, fx.router(), calldata, gas))
        .isInstanceOf(EndpointCrossCheck.CrossCheckFailedException.class).isNotInstanceOf(GuardRefusal.class);

    liar.honest();
    simulator.check(paysTarget, from, fx.router(), calldata, gas);
    assertThat(alerts.openAlert(readKey)).as("agreement resolves it").isEmpty();
  }

  @Test
  void feesAreNoOneEndpointsWordALowTipCannotStallAndAHighOneIsCapped() {
    ExecutionClient lying = fx.client("liar", liar.url());
    ExecutionClient anvil = fx.client("anvil", fx.devnet.rpcUrl());
    FeeOracle oracle = new FeeOracle(FeePolicy.withCapGwei(PipelineFixture.MAX_FEE_GWEI));
    FeeSuggestion honest = oracle.suggest(anvil);

    // a primary that says the next base fee is 1 wei and nobody tips
    liar.lie("eth_feeHistory", (req, result) -> {
      ObjectNode r = (ObjectNode) result.deepCopy();
      r.putArray("baseFeePerGas").add("0x1").add("0x1");
      return r;
    });
    FeeSuggestion withLow = oracle.suggest(List.of(lying, anvil), Duration.ofSeconds(5));
    assertThat(withLow.nextBaseFeePerGas()).isEqualTo(honest.nextBaseFeePerGas());
    assertThat(withLow.maxFeePerGas()).isGreaterThanOrEqualTo(honest.maxFeePerGas());

    // a primary that asks for a tip far above the cap: the fee stays under the cap, the honest tip is used
    liar.lie("eth_feeHistory", (req, result) -> {
      ObjectNode r = (ObjectNode) result.deepCopy();
      var rewards = r.putArray("reward");
      for (int i = 0; i < result.path("baseFeePerGas").size() - 1; i++) {
        rewards.addArray().add(Numeric.toHexStringWithPrefix(BigInteger.TEN.pow(15)));
      }
      return r;
    });
    FeeSuggestion withHigh = oracle.suggest(List.of(lying, anvil), Duration.ofSeconds(5));
    BigInteger cap = BigInteger.valueOf(PipelineFixture.MAX_FEE_GWEI).multiply(BigInteger.TEN.pow(9));
    assertThat(withHigh.maxFeePerGas()).isLessThanOrEqualTo(cap);
    assertThat(withHigh.maxPriorityFeePerGas()).isEqualTo(honest.maxPriorityFeePerGas());
  }

  private static BigInteger minedNonce() {
    try {
      return fx.senderNonce();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A receipt of {@code txHash}, successful, in the node's current head block. */
  private static JsonNode fakeReceipt(String txHash) {
    try {
      EthBlock.Block head = fx.devnet.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
      ObjectNode r = JSON.createObjectNode();
      r.put("transactionHash", txHash);
      r.put("transactionIndex", "0x0");
      r.put("blockHash", head.getHash());
      r.put("blockNumber", Numeric.toHexStringWithPrefix(head.getNumber()));
      r.put("from", fx.devnet.treasurySigner().getAddress());
      r.put("to", fx.router());
      r.put("cumulativeGasUsed", "0x5208");
      r.put("gasUsed", "0x5208");
      r.put("effectiveGasPrice", "0x3b9aca00");
      r.putNull("contractAddress");
      r.putArray("logs");
      r.put("logsBloom", "0x" + "0".repeat(512));
      r.put("type", "0x2");
      r.put("status", "0x1");
      return r;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
