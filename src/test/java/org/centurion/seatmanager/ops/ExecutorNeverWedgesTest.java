package org.centurion.seatmanager.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.centurion.seatmanager.ops.PipelineFixture.enqueue;
import static org.centurion.seatmanager.ops.PipelineFixture.freshAddress;
import static org.centurion.seatmanager.ops.PipelineFixture.payment;
import static org.centurion.seatmanager.ops.PipelineFixture.rows;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.centurion.seatmanager.auth.TestClock;
import org.centurion.seatmanager.dashboard.ExecutorQueue;
import org.centurion.seatmanager.devnet.AbiCall;
import org.centurion.seatmanager.devnet.ReferenceContracts.Sig;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The executor when the world misbehaves for longer than a crash (issue 20): operations refused or
 * failing before signing never hold the queue, fees above the cap hold no nonce, reorgs above and
 * below the confirmation depth at every step end with one effect per intent and the nonce ledger on
 * the chain's nonce, and pending transactions that stop advancing are sent again, then reported.
 * Real anvil, real PostgreSQL, the production executor constructor.
 */
class ExecutorNeverWedgesTest extends PipelineTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-12-04T08:00:00Z"));

  @AfterEach
  void chainBackToNormal() throws Exception {
    fx.automine(true);
    fx.anvil("anvil_setNextBlockBaseFeePerGas", "0x3b9aca00"); // 1 gwei
    fx.mine();
  }

  // ------------------------------------------------------------------------------- head of line

  /** How the oldest of ten due deposits is broken. */
  enum Breakage {
    /** The feature refuses it before signing (a front-run, a failed pre-funding or policy check). */
    REFUSED,
    /** Refused, and the feature's own outcome throws (the seat had already moved: EXCEPTION to EXCEPTION). */
    REFUSED_AND_OUTCOME_THROWS,
    /** The simulation (gas estimation of the router call) reverts. */
    SIMULATION_REVERTS,
    /** The check before signing cannot be made (an endpoint down), tick after tick. */
    CHECK_CANNOT_BE_MADE
  }

  @ParameterizedTest
  @EnumSource(Breakage.class)
  void theOldestOperationBrokenInAnyWayNeverHoldsTheOtherNine(Breakage breakage) throws Exception {
    PipelineFixture.Db db = fx.database();
    AtomicReference<Long> broken = new AtomicReference<>(-1L);
    BreakingOutcomes outcomes = new BreakingOutcomes(breakage, broken);
    OperationExecutor ex = fx.executor(db, List.of(fx.anvilClient()), 1, PipelineFixture.settings(fx.router(), 1), clock,
        PipelineProbe.NONE, outcomes);
    BigInteger nonceBefore = fx.senderNonce();
    RouterCall brokenCall = breakage == Breakage.SIMULATION_REVERTS
        ? new RouterCall(fx.devnet.addresses().vaultFactory(), BigInteger.ZERO,
            AbiCall.encode(Sig.DEPLOY_VAULT, AbiCall.bytes(new byte[3]), AbiCall.address(freshAddress())))
        : payment(freshAddress(), BigInteger.ONE);
    Operation first = enqueue(db.jdbi(), brokenCall);
    broken.set(first.id());
    List<String> targets = new ArrayList<>();
    List<Long> others = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      String target = freshAddress();
      targets.add(target);
      others.add(enqueue(db.jdbi(), payment(target, BigInteger.valueOf(100 + i))).id());
    }

    for (int tick = 0; tick < 3; tick++) {
      ex.tick();
      clock.advance(Duration.ofSeconds(31)); // past the retry delay: a retried operation is due again every tick
    }

    for (int i = 0; i < 9; i++) {
      assertThat(status(db, others.get(i))).as("operation %s", others.get(i)).isEqualTo("CONFIRMED");
      assertThat(fx.balance(targets.get(i))).isEqualTo(BigInteger.valueOf(100 + i));
    }
    assertThat(fx.senderNonce()).isEqualTo(nonceBefore.add(BigInteger.valueOf(9)));
    assertThat(ex.ledgerNextNonce()).contains(fx.senderNonce().longValueExact());
    assertThat(rows(db.jdbi(), "SELECT * FROM tx_intents WHERE operation_id = ?", first.id()))
        .as("nothing was signed for the broken operation").isEmpty();
    Map<String, Object> row = rows(db.jdbi(), "SELECT status, last_error, tick_failures FROM operations WHERE id = ?",
        first.id()).get(0);
    switch (breakage) {
      case REFUSED -> {
        assertThat(row.get("status")).isEqualTo("FAILED");
        assertThat((String) row.get("last_error")).isEqualTo("refused before signing: " + BreakingOutcomes.REASON);
        assertThat(verdicts(db, first.id())).containsExactly("failed");
        assertThat(refusalAlerts(db, first.id())).containsExactly("WARNING");
      }
      case REFUSED_AND_OUTCOME_THROWS -> {
        assertThat(row.get("status")).isEqualTo("FAILED");
        assertThat((String) row.get("last_error")).startsWith("refused before signing: " + BreakingOutcomes.REASON)
            .contains("outcome could not be applied").contains("cannot move to EXCEPTION");
        assertThat(verdicts(db, first.id())).as("its outcome's transaction rolled back").isEmpty();
        assertThat(refusalAlerts(db, first.id())).containsExactly("CRITICAL");
      }
      case SIMULATION_REVERTS -> {
        assertThat(row.get("status")).isEqualTo("FAILED");
        assertThat((String) row.get("last_error")).startsWith("would revert:").contains("InvalidPubkeyLength");
        assertThat(verdicts(db, first.id())).containsExactly("failed");
        assertThat(refusalAlerts(db, first.id())).containsExactly("WARNING");
      }
      case CHECK_CANNOT_BE_MADE -> {
        assertThat(row.get("status")).as("it may pass later: it waits").isEqualTo("QUEUED");
        assertThat((String) row.get("last_error")).contains("beacon endpoint down");
        assertThat((Integer) row.get("tick_failures")).as("failing tick after tick").isEqualTo(3);
        assertThat(verdicts(db, first.id())).isEmpty();
        ExecutorQueue.Snapshot wedged = queue(db).snapshot();
        assertThat(wedged.wedged()).isEqualTo(1);
        assertThat(wedged.troubled()).isTrue();
        assertThat(wedged.problems()).singleElement().asString()
            .startsWith("operation " + first.id() + " (DEPOSIT) failed to start 3 ticks in a row").contains("beacon endpoint down");
        outcomes.heal();
        ex.tick();
        ex.tick();
        assertThat(status(db, first.id())).isEqualTo("CONFIRMED");
        assertThat(rows(db.jdbi(), "SELECT tick_failures FROM operations WHERE id = ?", first.id()).get(0).get("tick_failures"))
            .isEqualTo(0);
        assertThat(queue(db).snapshot().troubled()).isFalse();
      }
    }
  }

  @Test
  void feesAboveTheCapHoldNoNonceAndAnUnsignedIntentGivesItsNonceBack() throws Exception {
    PipelineFixture.Db db = fx.database();
    AtomicReference<PipelineProbe.Point> crashAt = new AtomicReference<>(PipelineProbe.Point.AFTER_INTENT_COMMITTED);
    PipelineProbe probe = (point, id) -> {
      if (point == crashAt.get()) {
        throw new IllegalStateException("simulated crash at " + point);
      }
    };
    OperationExecutor ex = fx.executor(db, List.of(fx.anvilClient()), 1, PipelineFixture.settings(fx.router(), 1), clock, probe);
    BigInteger nonceBefore = fx.senderNonce();
    String a = freshAddress();
    String b = freshAddress();
    Operation opA = enqueue(db.jdbi(), payment(a, BigInteger.valueOf(7)));
    try {
      ex.tick();
    } catch (IllegalStateException crashed) {
      // the intent of A is committed at the chain's nonce, nothing signed
    }
    crashAt.set(null);
    assertThat(rows(db.jdbi(), "SELECT nonce, status FROM tx_intents"))
        .containsExactly(Map.of("nonce", nonceBefore.longValueExact(), "status", "PREPARED"));
    Operation opB = enqueue(db.jdbi(), payment(b, BigInteger.valueOf(8)));

    baseFeeGwei(2_000); // the network now asks more than the 500 gwei cap
    ex.tick();

    assertThat(rows(db.jdbi(), "SELECT * FROM tx_intents")).as("no intent holds a nonce while fees are above the cap").isEmpty();
    assertThat(status(db, opA.id())).isEqualTo("QUEUED");
    assertThat(status(db, opB.id())).isEqualTo("QUEUED");
    assertThat(lastError(db, opA.id())).contains("waiting for fees under the cap");
    assertThat(lastError(db, opB.id())).contains("exceeds the cap");
    assertThat(rows(db.jdbi(), "SELECT tick_failures FROM operations WHERE id = ?", opB.id()).get(0).get("tick_failures"))
        .as("fees are the world's condition, not the operation's failure").isEqualTo(0);
    assertThat(ex.ledgerNextNonce()).contains(nonceBefore.longValueExact());

    baseFeeGwei(1);
    clock.advance(Duration.ofSeconds(31));
    ex.tick();
    ex.tick();
    assertThat(status(db, opA.id())).isEqualTo("CONFIRMED");
    assertThat(status(db, opB.id())).isEqualTo("CONFIRMED");
    assertThat(fx.balance(a)).isEqualTo(BigInteger.valueOf(7));
    assertThat(fx.balance(b)).isEqualTo(BigInteger.valueOf(8));
    assertThat(fx.senderNonce()).isEqualTo(nonceBefore.add(BigInteger.TWO));
    assertThat(ex.ledgerNextNonce()).contains(fx.senderNonce().longValueExact());
  }

  // -------------------------------------------------------------------------------------- reorgs

  /** Where the executor is when the reorg takes the block (or the would-be block) of our transaction. */
  enum ReorgAt {
    AFTER_INTENT_COMMITTED,
    AFTER_ATTEMPT_COMMITTED,
    /** Mined at once (automine), then reorged out before the executor recorded the broadcast. */
    AFTER_BROADCAST,
    /** On the next tick, before its receipt is looked up. */
    BEFORE_RECEIPT,
    /** Recorded MINED, below the confirmation depth. */
    MINED_BELOW_DEPTH,
    /** Recorded CONFIRMED at the depth, then a deeper reorg removes it; nobody sends it again. */
    CONFIRMED_ABOVE_DEPTH,
    /** Recorded CONFIRMED, then a deeper reorg; the orphaned transaction lands again in another block. */
    CONFIRMED_ABOVE_DEPTH_AND_REMINED
  }

  @ParameterizedTest
  @EnumSource(ReorgAt.class)
  void aReorgAtAnyStepEndsWithOneEffectAndTheLedgerOnTheChainsNonce(ReorgAt at) throws Exception {
    PipelineFixture.Db db = fx.database();
    AtomicReference<String> snapshot = new AtomicReference<>();
    AtomicReference<PipelineProbe.Point> reorgAt = new AtomicReference<>(switch (at) {
      case AFTER_INTENT_COMMITTED -> PipelineProbe.Point.AFTER_INTENT_COMMITTED;
      case AFTER_ATTEMPT_COMMITTED -> PipelineProbe.Point.AFTER_ATTEMPT_COMMITTED;
      case AFTER_BROADCAST -> PipelineProbe.Point.AFTER_BROADCAST;
      case BEFORE_RECEIPT -> PipelineProbe.Point.BEFORE_RECEIPT;
      default -> null;
    });
    PipelineProbe probe = (point, id) -> {
      if (point == reorgAt.getAndUpdate(p -> p == point ? null : p)) {
        fx.devnet.chain().revert(snapshot.get());
      }
    };
    ExecutorSettings settings = PipelineFixture.settings(fx.router(), 2).withStuckBlocks(2);
    OperationExecutor ex = fx.executor(db, List.of(fx.anvilClient()), 1, settings, clock, probe);
    BigInteger nonceBefore = fx.senderNonce();
    String target = freshAddress();
    Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(606)));
    snapshot.set(fx.devnet.chain().snapshot());

    ex.tick(); // intent, signature, broadcast; mined at once (depth 1 of 2)
    ex.tick(); // MINED
    if (at == ReorgAt.MINED_BELOW_DEPTH) {
      assertThat(intentStatus(db, op.id())).isEqualTo("MINED");
      fx.devnet.chain().revert(snapshot.get());
    }
    fx.mine();
    ex.tick();
    String rawTx = (String) rows(db.jdbi(), "SELECT raw_tx FROM tx_attempts ORDER BY id LIMIT 1").get(0).get("raw_tx");
    if (at == ReorgAt.CONFIRMED_ABOVE_DEPTH || at == ReorgAt.CONFIRMED_ABOVE_DEPTH_AND_REMINED) {
      assertThat(status(db, op.id())).isEqualTo("CONFIRMED");
      assertThat(fx.balance(target)).isEqualTo(BigInteger.valueOf(606));
      fx.devnet.chain().revert(snapshot.get()); // two blocks deep: deeper than the confirmation depth
      fx.mine();
      assertThat(fx.balance(target)).isZero();
      if (at == ReorgAt.CONFIRMED_ABOVE_DEPTH_AND_REMINED) {
        fx.anvil("eth_sendRawTransaction", rawTx); // the orphan returns to the pool and lands in another block
      }
    }
    // Whatever the step: a second operation queued now, behind whatever nonce the reorg freed.
    String second = freshAddress();
    Operation next = enqueue(db.jdbi(), payment(second, BigInteger.valueOf(707)));
    // rounds, not a fixed count: on a loaded machine a round's node calls can time out and take one more
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (!(confirmed(db, op.id()) && confirmed(db, next.id())) && System.nanoTime() < deadline) {
      ex.tick();
      fx.mine();
    }

    assertThat(status(db, op.id())).isEqualTo("CONFIRMED");
    assertThat(status(db, next.id())).isEqualTo("CONFIRMED");
    assertThat(fx.balance(target)).as("one effect").isEqualTo(BigInteger.valueOf(606));
    assertThat(fx.balance(second)).isEqualTo(BigInteger.valueOf(707));
    assertThat(fx.senderNonce()).isEqualTo(nonceBefore.add(BigInteger.TWO));
    assertThat(ex.ledgerNextNonce()).as("the ledger on the chain's nonce").contains(fx.senderNonce().longValueExact());
    assertThat(rows(db.jdbi(), "SELECT count(*) AS n FROM tx_intents WHERE operation_id = ?", op.id()).get(0).get("n"))
        .isEqualTo(1L);
    assertThat(rows(db.jdbi(), "SELECT raw_tx FROM tx_attempts t JOIN tx_intents i ON i.id = t.intent_id "
        + "WHERE i.operation_id = ?", op.id())).extracting(r -> r.get("raw_tx"))
        .as("the same signed bytes, never a second signature").containsExactly(rawTx);
    assertThat(rows(db.jdbi(), "SELECT verdict FROM outcome_log WHERE operation_id = ?", op.id()))
        .extracting(r -> r.get("verdict")).allMatch("confirmed"::equals);
    Operation done = new OperationService(db.jdbi()).find(op.id()).orElseThrow();
    switch (at) {
      case MINED_BELOW_DEPTH, CONFIRMED_ABOVE_DEPTH, CONFIRMED_ABOVE_DEPTH_AND_REMINED -> {
        assertThat(done.reorgs()).as("the reorg is on the operation's record").isEqualTo(1);
        assertThat(done.lastReorg()).hasValueSatisfying(r -> assertThat(r).startsWith("REORG: transaction"));
      }
      default -> assertThat(done.reorgs()).as("nothing had been recorded on chain yet").isZero();
    }
    if (at == ReorgAt.CONFIRMED_ABOVE_DEPTH || at == ReorgAt.CONFIRMED_ABOVE_DEPTH_AND_REMINED) {
      assertThat(rows(db.jdbi(), "SELECT kind, severity FROM alerts WHERE source = 'executor'"))
          .contains(Map.of("kind", "REORG", "severity", "CRITICAL"));
      assertThat(rows(db.jdbi(), "SELECT verdict FROM outcome_log WHERE operation_id = ?", op.id()))
          .as("its feature heard of the confirmation again, once per confirmation").hasSize(2);
    }
  }

  // ---------------------------------------------------------------------------------------- gaps

  @Test
  void pendingTransactionsThatStopAdvancingAreSentAgainThenReported() throws Exception {
    PipelineFixture.Db db = fx.database();
    ExecutorSettings settings = PipelineFixture.settings(fx.router(), 1).withStuckBlocks(3);
    OperationExecutor ex = fx.executor(db, List.of(fx.anvilClient()), 1, settings, clock, PipelineProbe.NONE);
    BigInteger nonceBefore = fx.senderNonce();
    fx.automine(false);
    String a = freshAddress();
    String b = freshAddress();
    Operation opA = enqueue(db.jdbi(), payment(a, BigInteger.valueOf(11)));
    Operation opB = enqueue(db.jdbi(), payment(b, BigInteger.valueOf(12)));
    ex.tick();
    // The node loses the lower transaction: a nonce gap below the other one.
    fx.anvil("anvil_dropTransaction", hashOf(db, opA.id()));
    mineAndTick(ex, 2);
    assertThat(fx.senderNonce()).as("nothing can be mined above the gap").isEqualTo(nonceBefore);
    mineAndTick(ex, 1); // three blocks without progress: the same bytes again
    fx.mine();
    ex.tick();
    assertThat(status(db, opA.id())).isEqualTo("CONFIRMED");
    assertThat(status(db, opB.id())).isEqualTo("CONFIRMED");
    assertThat(openStuckAlerts(db)).isEmpty();

    String c = freshAddress();
    Operation opC = enqueue(db.jdbi(), payment(c, BigInteger.valueOf(13)));
    ex.tick();
    String hashC = hashOf(db, opC.id());
    fx.anvil("anvil_dropTransaction", hashC);
    mineAndTick(ex, 3); // sent again on the third
    fx.anvil("anvil_dropTransaction", hashC); // and lost again
    mineAndTick(ex, 3);
    List<Map<String, Object>> stuck = openStuckAlerts(db);
    assertThat(stuck).hasSize(1);
    assertThat((String) stuck.get(0).get("message")).contains(hashC).contains("nonce " + (nonceBefore.longValueExact() + 2));
    // issue 15: the alert links to the operation, whose detail offers what can be done
    assertThat((String) stuck.get(0).get("message")).contains("GET /v1/operations/" + opC.id());
    assertThat(fx.balance(c)).isZero();
    ExecutorQueue.Snapshot health = queue(db).snapshot();
    assertThat(health.stuckTransactions()).isEqualTo(1);
    assertThat(health.problems()).anySatisfy(p -> assertThat(p).startsWith("TRANSACTION_STUCK: ").contains(hashC));

    // It advances again (here: the fee-bumped replacement after stuckAfter), and the alert resolves.
    clock.advance(Duration.ofMinutes(4));
    ex.tick();
    fx.mine();
    ex.tick();
    assertThat(status(db, opC.id())).isEqualTo("CONFIRMED");
    assertThat(fx.balance(c)).isEqualTo(BigInteger.valueOf(13));
    ex.tick();
    assertThat(openStuckAlerts(db)).isEmpty();
    assertThat(queue(db).snapshot().stuckTransactions()).isZero();
    assertThat(ex.ledgerNextNonce()).contains(fx.senderNonce().longValueExact());
  }

  // ------------------------------------------------------------------------------------- health

  @Test
  void healthTellsAPausedPipelineFromARunningOne() throws Exception {
    PipelineFixture.Db db = fx.database();
    try (org.centurion.seatmanager.testing.MisbehavingEndpoint other =
        new org.centurion.seatmanager.testing.MisbehavingEndpoint(fx.devnet.rpcUrl())) {
      OperationExecutor ex = fx.executor(db, List.of(fx.anvilClient(), fx.client("other", other.url())), 2,
          PipelineFixture.settings(fx.router(), 1), clock, PipelineProbe.NONE);
      String target = freshAddress();
      Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(5)));
      other.behave(org.centurion.seatmanager.testing.MisbehavingEndpoint.Mode.WRONG_CHAIN);
      ex.tick();
      ExecutorQueue.Snapshot paused = queue(db).snapshot();
      assertThat(paused.paused()).hasValueSatisfying(p -> assertThat(p).startsWith("signing nothing new: CHAIN_ID_MISMATCH"));
      assertThat(paused.troubled()).isTrue();
      assertThat(paused.wedged()).as("the world's condition, not the operation's").isZero();

      other.behave(org.centurion.seatmanager.testing.MisbehavingEndpoint.Mode.HONEST);
      clock.advance(Duration.ofSeconds(31));
      ex.tick();
      assertThat(queue(db).snapshot().paused()).isEmpty();
      ex.tick();
      assertThat(status(db, op.id())).isEqualTo("CONFIRMED");

      // No executor ticks any more while an operation waits: that is a paused pipeline too.
      Operation waiting = enqueue(db.jdbi(), payment(freshAddress(), BigInteger.ONE));
      clock.advance(Duration.ofMinutes(20));
      ExecutorQueue.Snapshot silent = queue(db).snapshot();
      assertThat(silent.paused()).hasValueSatisfying(p -> assertThat(p).startsWith("no executor tick since"));
      ex.tick();
      ex.tick();
      assertThat(status(db, waiting.id())).isEqualTo("CONFIRMED");
      assertThat(queue(db).snapshot().troubled()).isFalse();
    }
  }

  // ------------------------------------------------------------------------------------- helpers

  /** Deposit outcomes that record every verdict and break the one operation named, in one way. */
  private static final class BreakingOutcomes implements OperationOutcomes {
    static final String REASON = "DEPOSIT_FRONT_RUN: a DepositEvent for this pubkey is already in the contract";

    private final Breakage breakage;
    private final AtomicReference<Long> broken;
    private volatile boolean healed;

    BreakingOutcomes(Breakage breakage, AtomicReference<Long> broken) {
      this.breakage = breakage;
      this.broken = broken;
    }

    void heal() {
      healed = true;
    }

    @Override
    public Optional<String> refusalBeforeSigning(Operation op) {
      if (op.id() != broken.get() || healed) {
        return Optional.empty();
      }
      return switch (breakage) {
        case REFUSED, REFUSED_AND_OUTCOME_THROWS -> Optional.of(REASON);
        case CHECK_CANNOT_BE_MADE -> throw new IllegalStateException("the front-running check cannot be made: beacon endpoint down");
        case SIMULATION_REVERTS -> Optional.empty();
      };
    }

    @Override
    public void confirmed(Handle tx, Operation operation, TransactionReceipt receipt) {
      PipelineFixture.RECORDING.confirmed(tx, operation, receipt);
    }

    @Override
    public void failed(Handle tx, Operation operation, String reason) {
      PipelineFixture.RECORDING.failed(tx, operation, reason);
      if (operation.id() == broken.get() && breakage == Breakage.REFUSED_AND_OUTCOME_THROWS) {
        throw new IllegalStateException("seat 7 is EXCEPTION; cannot move to EXCEPTION");
      }
    }
  }

  private void baseFeeGwei(long gwei) throws Exception {
    fx.anvil("anvil_setNextBlockBaseFeePerGas", "0x" + BigInteger.valueOf(gwei).multiply(BigInteger.TEN.pow(9)).toString(16));
    fx.mine();
  }

  private static void mineAndTick(OperationExecutor ex, int blocks) {
    for (int i = 0; i < blocks; i++) {
      fx.mine();
      ex.tick();
    }
  }

  private static String hashOf(PipelineFixture.Db db, long operationId) {
    return (String) rows(db.jdbi(), "SELECT t.tx_hash FROM tx_attempts t JOIN tx_intents i ON i.id = t.intent_id "
        + "WHERE i.operation_id = ? ORDER BY t.id DESC LIMIT 1", operationId).get(0).get("tx_hash");
  }

  private static List<Map<String, Object>> openStuckAlerts(PipelineFixture.Db db) {
    return rows(db.jdbi(), "SELECT message FROM alerts WHERE kind = 'TRANSACTION_STUCK' AND resolved_at IS NULL");
  }

  private static List<Object> verdicts(PipelineFixture.Db db, long operationId) {
    return rows(db.jdbi(), "SELECT verdict FROM outcome_log WHERE operation_id = ?", operationId).stream()
        .map(r -> r.get("verdict")).toList();
  }

  private static List<Object> refusalAlerts(PipelineFixture.Db db, long operationId) {
    return rows(db.jdbi(), "SELECT severity FROM alerts WHERE kind = 'OPERATION_REFUSED' AND message LIKE ?",
        "operation " + operationId + " %").stream().map(r -> r.get("severity")).toList();
  }

  /** The dashboard's view of the executor, as /v1/dashboard/health builds it (stale after 15 minutes). */
  private ExecutorQueue queue(PipelineFixture.Db db) {
    return new ExecutorQueue(db.jdbi(), clock, Duration.ofMinutes(15));
  }

  private static boolean confirmed(PipelineFixture.Db db, long id) {
    return "CONFIRMED".equals(status(db, id));
  }

  private static String status(PipelineFixture.Db db, long id) {
    return (String) rows(db.jdbi(), "SELECT status FROM operations WHERE id = ?", id).get(0).get("status");
  }

  private static String intentStatus(PipelineFixture.Db db, long operationId) {
    return (String) rows(db.jdbi(), "SELECT status FROM tx_intents WHERE operation_id = ?", operationId).get(0).get("status");
  }

  private static String lastError(PipelineFixture.Db db, long id) {
    return (String) rows(db.jdbi(), "SELECT last_error FROM operations WHERE id = ?", id).get(0).get("last_error");
  }
}
