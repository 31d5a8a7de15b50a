package org.centurion.seatmanager.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.centurion.seatmanager.ops.PipelineFixture.enqueue;
import static org.centurion.seatmanager.ops.PipelineFixture.freshAddress;
import static org.centurion.seatmanager.ops.PipelineFixture.payment;
import static org.centurion.seatmanager.ops.PipelineFixture.rows;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.centurion.seatmanager.auth.TestClock;
import org.centurion.seatmanager.devnet.AbiCall;
import org.centurion.seatmanager.devnet.ReferenceContracts.Sig;
import org.centurion.seatmanager.testing.MisbehavingEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/** The executor in-process against a real anvil and a real PostgreSQL. */
class OperationExecutorTest extends PipelineTest {
  @AfterEach
  void automineBackOn() throws Exception {
    fx.automine(true);
  }

  private final TestClock clock = new TestClock(Instant.parse("2026-11-30T08:00:00Z"));

  @Test
  void confirmsAtDepthWithOneIntentOneAttemptAndTheOutcomeInTheSameTransaction() throws Exception {
    PipelineFixture.Db db = fx.database();
    OperationExecutor ex = fx.executor(db, List.of(fx.anvilClient()), 1, PipelineFixture.settings(fx.router(), 3), clock, PipelineProbe.NONE);
    String target = freshAddress();
    BigInteger nonceBefore = fx.senderNonce();
    Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(1234)));

    OperationExecutor.TickReport first = ex.tick();
    assertThat(first.acting()).isTrue();
    assertThat(first.started()).isEqualTo(1);
    ex.tick(); // sees the receipt at depth 1 of 3
    assertThat(status(db, op.id())).isEqualTo("IN_FLIGHT");
    assertThat(rows(db.jdbi(), "SELECT status FROM tx_intents")).extracting(r -> r.get("status")).containsExactly("MINED");

    fx.mine();
    fx.mine();
    assertThat(ex.tick().settled()).isEqualTo(1);

    Operation done = new OperationService(db.jdbi()).find(op.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(done.attempts()).isEqualTo(1);
    assertThat(fx.balance(target)).isEqualTo(BigInteger.valueOf(1234));
    assertThat(fx.senderNonce()).isEqualTo(nonceBefore.add(BigInteger.ONE));
    List<Map<String, Object>> intents = rows(db.jdbi(), "SELECT nonce, status, mined_tx_hash, target FROM tx_intents");
    assertThat(intents).hasSize(1);
    assertThat(intents.get(0).get("nonce")).isEqualTo(nonceBefore.longValueExact());
    assertThat(intents.get(0).get("status")).isEqualTo("CONFIRMED");
    assertThat(intents.get(0).get("target")).isEqualTo(fx.router().toLowerCase());
    List<Map<String, Object>> attempts = rows(db.jdbi(), "SELECT tx_hash, raw_tx, broadcast_at FROM tx_attempts");
    assertThat(attempts).hasSize(1);
    assertThat(attempts.get(0).get("tx_hash")).isEqualTo(done.txHash().orElseThrow()).isEqualTo(intents.get(0).get("mined_tx_hash"));
    assertThat(Hash.sha3((String) attempts.get(0).get("raw_tx"))).isEqualTo(attempts.get(0).get("tx_hash"));
    assertThat(attempts.get(0).get("broadcast_at")).isNotNull();
    assertThat(rows(db.jdbi(), "SELECT verdict, detail FROM outcome_log"))
        .containsExactly(Map.of("verdict", "confirmed", "detail", done.txHash().orElseThrow()));
    assertThat(rows(db.jdbi(), "SELECT next_nonce FROM nonce_ledger")).extracting(r -> r.get("next_nonce"))
        .containsExactly(nonceBefore.longValueExact() + 1);
    assertThat(ex.tick().started()).isZero();
    assertThat(fx.balance(target)).isEqualTo(BigInteger.valueOf(1234));
  }

  @Test
  void aRevertAtEstimationFailsWithTheDecodedReasonAndConsumesNoNonce() throws Exception {
    PipelineFixture.Db db = fx.database();
    OperationExecutor ex = fx.executor(db, List.of(fx.anvilClient()), 1, PipelineFixture.settings(fx.router(), 1), clock, PipelineProbe.NONE);
    BigInteger nonceBefore = fx.senderNonce();
    String badDeploy = AbiCall.encode(Sig.DEPLOY_VAULT, AbiCall.bytes(new byte[3]), AbiCall.address(freshAddress()));
    Operation op = enqueue(db.jdbi(), new RouterCall(fx.devnet.addresses().vaultFactory(), BigInteger.ZERO, badDeploy));

    assertThat(ex.tick().started()).isZero();

    Operation failed = new OperationService(db.jdbi()).find(op.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(failed.lastError().orElseThrow()).contains("the router's call failed").contains("InvalidPubkeyLength");
    assertThat(rows(db.jdbi(), "SELECT * FROM tx_intents")).isEmpty();
    assertThat(rows(db.jdbi(), "SELECT * FROM nonce_ledger")).isEmpty();
    assertThat(rows(db.jdbi(), "SELECT verdict, detail FROM outcome_log"))
        .containsExactly(Map.of("verdict", "failed", "detail", failed.lastError().orElseThrow()));
    assertThat(fx.senderNonce()).isEqualTo(nonceBefore);
  }

  @Test
  void aTransactionRevertedOnChainFailsItsOperation() throws Exception {
    PipelineFixture.Db db = fx.database();
    OperationExecutor ex = fx.executor(db, List.of(fx.anvilClient()), 1, PipelineFixture.settings(fx.router(), 1), clock, PipelineProbe.NONE);
    String target = freshAddress();
    Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(4321)));
    BigInteger routerFunds = fx.balance(fx.router());

    fx.automine(false);
    assertThat(ex.tick().started()).isEqualTo(1);
    // Between estimation and inclusion the router loses its funds: the call inside reverts on chain.
    fx.devnet.chain().setBalance(fx.router(), BigInteger.ZERO);
    try {
      fx.mine();
      assertThat(ex.tick().settled()).isEqualTo(1);
    } finally {
      fx.devnet.chain().setBalance(fx.router(), routerFunds);
    }

    Operation failed = new OperationService(db.jdbi()).find(op.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(failed.lastError().orElseThrow()).contains("reverted in block");
    assertThat(failed.txHash()).isPresent();
    assertThat(rows(db.jdbi(), "SELECT status FROM tx_intents")).extracting(r -> r.get("status")).containsExactly("REVERTED");
    assertThat(rows(db.jdbi(), "SELECT verdict FROM outcome_log")).extracting(r -> r.get("verdict")).containsExactly("failed");
    assertThat(fx.balance(target)).isZero();
  }

  @Test
  void aStuckTransactionIsReplacedAtTheSameNonceWithHigherFeesAndLandsOnce() throws Exception {
    PipelineFixture.Db db = fx.database();
    OperationExecutor ex = fx.executor(db, List.of(fx.anvilClient()), 1, PipelineFixture.settings(fx.router(), 1), clock, PipelineProbe.NONE);
    String target = freshAddress();
    BigInteger nonceBefore = fx.senderNonce();
    Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(777)));

    fx.automine(false);
    ex.tick();
    ex.tick(); // not stuck yet: nothing new
    assertThat(rows(db.jdbi(), "SELECT * FROM tx_attempts")).hasSize(1);

    clock.advance(Duration.ofMinutes(4));
    ex.tick();
    List<Map<String, Object>> attempts = rows(db.jdbi(), "SELECT tx_hash, max_fee_per_gas, max_priority_fee, broadcast_error FROM tx_attempts ORDER BY id");
    assertThat(attempts).hasSize(2);
    BigInteger fee0 = ((java.math.BigDecimal) attempts.get(0).get("max_fee_per_gas")).toBigIntegerExact();
    BigInteger fee1 = ((java.math.BigDecimal) attempts.get(1).get("max_fee_per_gas")).toBigIntegerExact();
    BigInteger tip0 = ((java.math.BigDecimal) attempts.get(0).get("max_priority_fee")).toBigIntegerExact();
    BigInteger tip1 = ((java.math.BigDecimal) attempts.get(1).get("max_priority_fee")).toBigIntegerExact();
    assertThat(fee1.multiply(BigInteger.valueOf(100))).isGreaterThanOrEqualTo(fee0.multiply(BigInteger.valueOf(110)));
    assertThat(tip1.multiply(BigInteger.valueOf(100))).isGreaterThanOrEqualTo(tip0.multiply(BigInteger.valueOf(110)));
    assertThat(attempts.get(1).get("broadcast_error")).isNull();
    assertThat(rows(db.jdbi(), "SELECT * FROM tx_intents")).hasSize(1);

    fx.mine();
    ex.tick();
    Operation done = new OperationService(db.jdbi()).find(op.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(done.txHash()).contains((String) attempts.get(1).get("tx_hash"));
    assertThat(done.attempts()).isEqualTo(2);
    assertThat(fx.balance(target)).isEqualTo(BigInteger.valueOf(777));
    assertThat(fx.senderNonce()).isEqualTo(nonceBefore.add(BigInteger.ONE));
  }

  @Test
  void anIntentWhoseNonceSomeoneElseConsumedIsDroppedAndItsOperationFails() throws Exception {
    PipelineFixture.Db db = fx.database();
    AtomicReference<PipelineProbe.Point> crashAt = new AtomicReference<>(PipelineProbe.Point.AFTER_INTENT_COMMITTED);
    PipelineProbe probe = (point, id) -> {
      if (point == crashAt.get()) {
        throw new IllegalStateException("simulated crash at " + point);
      }
    };
    OperationExecutor ex = fx.executor(db, List.of(fx.anvilClient()), 1, PipelineFixture.settings(fx.router(), 1), clock, probe);
    String target = freshAddress();
    Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(55)));
    assertThatThrownBy(ex::tick).hasMessageContaining("simulated crash");
    crashAt.set(null);

    // The same key used elsewhere takes the intent's nonce.
    fx.devnet.transactor().send(fx.devnet.treasurySigner(), freshAddress(), BigInteger.ONE, "0x");
    ex.tick();

    Operation failed = new OperationService(db.jdbi()).find(op.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(OperationStatus.FAILED);
    assertThat(failed.lastError().orElseThrow()).startsWith("DROPPED: nonce").contains("none of ours");
    assertThat(rows(db.jdbi(), "SELECT status FROM tx_intents")).extracting(r -> r.get("status")).containsExactly("DROPPED");
    assertThat(rows(db.jdbi(), "SELECT * FROM tx_attempts")).isEmpty();
    assertThat(rows(db.jdbi(), "SELECT verdict FROM outcome_log")).extracting(r -> r.get("verdict")).containsExactly("failed");
    assertThat(fx.balance(target)).isZero();
  }

  @Test
  void aDroppedIntentWhoseForeignTransactionAReorgRemovedIsLiveAgainAndNothingWedgesBehindItsNonce() throws Exception {
    PipelineFixture.Db db = fx.database();
    AtomicReference<PipelineProbe.Point> crashAt = new AtomicReference<>(PipelineProbe.Point.AFTER_ATTEMPT_COMMITTED);
    PipelineProbe probe = (point, id) -> {
      if (point == crashAt.get()) {
        throw new IllegalStateException("simulated crash at " + point);
      }
    };
    ExecutorSettings settings = PipelineFixture.settings(fx.router(), 1);
    OperationExecutor ex = fx.executor(db, List.of(fx.anvilClient()), 1, settings, clock, probe);
    String target = freshAddress();
    BigInteger nonceBefore = fx.senderNonce();
    Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(56)));
    assertThatThrownBy(ex::tick).hasMessageContaining("simulated crash"); // signed and committed, not yet sent
    crashAt.set(null);
    String beforeForeign = fx.devnet.chain().snapshot();
    // The same key used elsewhere takes the intent's nonce; the executor drops the intent.
    fx.devnet.transactor().send(fx.devnet.treasurySigner(), freshAddress(), BigInteger.ONE, "0x");
    ex.tick();
    assertThat(status(db, op.id())).isEqualTo("FAILED");
    assertThat(rows(db.jdbi(), "SELECT status FROM tx_intents")).extracting(r -> r.get("status")).containsExactly("DROPPED");

    // A reorg deeper than the confirmation depth takes the foreign transaction away: our signed bytes can land
    // again and the nonce is free below anything signed next.
    fx.devnet.chain().revert(beforeForeign);
    assertThat(fx.senderNonce()).isEqualTo(nonceBefore);
    String second = freshAddress();
    Operation next = enqueue(db.jdbi(), payment(second, BigInteger.valueOf(57)));
    for (int i = 0; i < 6 && !(confirmed(db, op.id()) && confirmed(db, next.id())); i++) {
      ex.tick();
      fx.mine();
    }

    Operation done = new OperationService(db.jdbi()).find(op.id()).orElseThrow();
    assertThat(done.status()).as("the operation says what the chain did").isEqualTo(OperationStatus.CONFIRMED);
    assertThat(done.reorgs()).isEqualTo(1);
    assertThat(done.lastReorg()).hasValueSatisfying(r -> assertThat(r).startsWith("REORG: nonce"));
    assertThat(done.attempts()).as("its same bytes, never a second signature").isEqualTo(1);
    assertThat(fx.balance(target)).as("one effect").isEqualTo(BigInteger.valueOf(56));
    assertThat(status(db, next.id())).as("nothing wedged behind the freed nonce").isEqualTo("CONFIRMED");
    assertThat(fx.balance(second)).isEqualTo(BigInteger.valueOf(57));
    assertThat(fx.senderNonce()).isEqualTo(nonceBefore.add(BigInteger.TWO));
    assertThat(rows(db.jdbi(), "SELECT nonce FROM tx_intents WHERE operation_id = ?", op.id()))
        .extracting(r -> r.get("nonce")).containsExactly(nonceBefore.longValueExact());
  }

  @Test
  void anEndpointWhoseHeadLagsBelowAConfirmedBlockReopensNothing() throws Exception {
    PipelineFixture.Db db = fx.database();
    try (MisbehavingEndpoint balanced = new MisbehavingEndpoint(fx.devnet.rpcUrl())) {
      OperationExecutor ex = fx.executor(db, List.of(fx.client("balanced", balanced.url())), 1,
          PipelineFixture.settings(fx.router(), 1), clock, PipelineProbe.NONE);
      String target = freshAddress();
      Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(58)));
      ex.tick();
      ex.tick();
      assertThat(status(db, op.id())).isEqualTo("CONFIRMED");

      // a node behind the load balancer answers a head ten blocks below the block that holds our transaction
      balanced.behave(MisbehavingEndpoint.Mode.LAGGING);
      ex.tick();
      balanced.behave(MisbehavingEndpoint.Mode.HONEST);
      ex.tick();

      Operation done = new OperationService(db.jdbi()).find(op.id()).orElseThrow();
      assertThat(done.status()).as("a lagging head is no reorg").isEqualTo(OperationStatus.CONFIRMED);
      assertThat(done.reorgs()).isZero();
      assertThat(rows(db.jdbi(), "SELECT status FROM tx_intents")).extracting(r -> r.get("status")).containsExactly("CONFIRMED");
      assertThat(rows(db.jdbi(), "SELECT verdict FROM outcome_log WHERE operation_id = ?", op.id()))
          .extracting(r -> r.get("verdict")).as("the outcome applied once").containsExactly("confirmed");
      assertThat(fx.balance(target)).isEqualTo(BigInteger.valueOf(58));
    }
  }

  @Test
  void aConfirmedTransactionADeepReorgRemovedIsWaitedForAfterItsNewBroadcastNotReplacedAtOnce() throws Exception {
    PipelineFixture.Db db = fx.database();
    OperationExecutor ex = fx.executor(db, List.of(fx.anvilClient()), 1, PipelineFixture.settings(fx.router(), 1), clock,
        PipelineProbe.NONE);
    String target = freshAddress();
    Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(59)));
    String beforeInclusion = fx.devnet.chain().snapshot();
    ex.tick();
    ex.tick();
    assertThat(status(db, op.id())).isEqualTo("CONFIRMED");
    clock.advance(Duration.ofHours(1)); // sent long ago, far beyond stuckAfter

    fx.automine(false);
    fx.devnet.chain().revert(beforeInclusion); // deeper than the confirmation depth
    fx.mine(); // the chain is back at the height of our block, with another block there
    ex.tick(); // re-opened, the same bytes sent again (not mined yet: no automine)
    assertThat(status(db, op.id())).isEqualTo("IN_FLIGHT");
    clock.advance(Duration.ofSeconds(10));
    ex.tick(); // a block time later, still in the pool

    assertThat(rows(db.jdbi(), "SELECT id FROM tx_attempts")).as("the same bytes, not a replacement signed at once")
        .hasSize(1);
    fx.mine();
    ex.tick();
    assertThat(status(db, op.id())).isEqualTo("CONFIRMED");
    assertThat(fx.balance(target)).isEqualTo(BigInteger.valueOf(59));
  }

  @Test
  void anEndpointThatLiesLagsOrHangsBlocksNewIntentsUntilItRecovers() throws Exception {
    PipelineFixture.Db db = fx.database();
    try (MisbehavingEndpoint other = new MisbehavingEndpoint(fx.devnet.rpcUrl())) {
      OperationExecutor ex = fx.executor(db, List.of(fx.anvilClient(), fx.client("other", other.url())), 2,
          PipelineFixture.settings(fx.router(), 1), clock, PipelineProbe.NONE);
      String target = freshAddress();
      BigInteger nonceBefore = fx.senderNonce();
      Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(99)));

      for (var mode : List.of(MisbehavingEndpoint.Mode.WRONG_CHAIN, MisbehavingEndpoint.Mode.LAGGING, MisbehavingEndpoint.Mode.SILENT)) {
        other.behave(mode);
        clock.advance(Duration.ofMinutes(1));
        assertThat(ex.tick().started()).as(mode.name()).isZero();
        Operation held = new OperationService(db.jdbi()).find(op.id()).orElseThrow();
        assertThat(held.status()).as(mode.name()).isEqualTo(OperationStatus.QUEUED);
        String expected = switch (mode) {
          case WRONG_CHAIN -> "CHAIN_ID_MISMATCH";
          case LAGGING -> "ENDPOINTS_LAGGING";
          default -> "ENDPOINT_UNAVAILABLE";
        };
        assertThat(held.lastError().orElseThrow()).as(mode.name()).startsWith(expected).contains("other");
        assertThat(held.notBefore()).isAfter(clock.instant());
        assertThat(rows(db.jdbi(), "SELECT * FROM tx_intents")).isEmpty();
      }
      assertThat(fx.senderNonce()).isEqualTo(nonceBefore);

      other.behave(MisbehavingEndpoint.Mode.HONEST);
      assertThat(ex.tick().started()).as("still waiting for the retry time").isZero();
      clock.advance(Duration.ofSeconds(31));
      assertThat(ex.tick().started()).isEqualTo(1);
      ex.tick();
      assertThat(status(db, op.id())).isEqualTo("CONFIRMED");
      assertThat(fx.balance(target)).isEqualTo(BigInteger.valueOf(99));
    }
  }

  @Test
  void aTransactionReorganisedOutBeforeItsDepthIsSentAgainAndConfirmedOnce() throws Exception {
    PipelineFixture.Db db = fx.database();
    OperationExecutor ex = fx.executor(db, List.of(fx.anvilClient()), 1, PipelineFixture.settings(fx.router(), 3), clock, PipelineProbe.NONE);
    String target = freshAddress();
    BigInteger nonceBefore = fx.senderNonce();
    Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(606)));
    String beforeInclusion = fx.devnet.chain().snapshot();

    ex.tick();
    ex.tick();
    assertThat(rows(db.jdbi(), "SELECT status FROM tx_intents")).extracting(r -> r.get("status")).containsExactly("MINED");
    String firstHash = (String) rows(db.jdbi(), "SELECT mined_tx_hash FROM tx_intents").get(0).get("mined_tx_hash");

    fx.devnet.chain().revert(beforeInclusion); // the block holding it is gone, and the transaction with it
    assertThat(fx.balance(target)).isZero();
    ex.tick();
    fx.mine();
    fx.mine();
    ex.tick();

    Operation done = new OperationService(db.jdbi()).find(op.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(OperationStatus.CONFIRMED);
    assertThat(done.txHash()).contains(firstHash);
    assertThat(done.attempts()).as("the same bytes again, not a new signature").isEqualTo(1);
    assertThat(fx.balance(target)).isEqualTo(BigInteger.valueOf(606));
    assertThat(fx.senderNonce()).isEqualTo(nonceBefore.add(BigInteger.ONE));
  }

  @Test
  void theGraphBuiltFromConfigurationExecutesAndPreflightPasses() throws Exception {
    PipelineFixture.Db db = fx.database();
    var a = fx.devnet.addresses();
    java.util.Map<String, String> env = new java.util.HashMap<>();
    env.put("SEAT_MANAGER_ENV", "development");
    env.put("SESSION_HMAC_SECRET", org.centurion.seatmanager.testing.TestSecrets.hex32());
    env.put("STEP_UP_HMAC_SECRET", org.centurion.seatmanager.testing.TestSecrets.hex32());
    env.put("DATABASE_URL", org.centurion.seatmanager.testing.TestDatabases.asPostgresUrl(db.url()));
    env.put("SEAT_MANAGER_WRITES_ENABLED", "true");
    env.put("SEAT_MANAGER_OWNER_PRIVATE_KEY", PipelineFixture.treasuryKeyHex());
    env.put("SEAT_MANAGER_EL_RPC_URLS", "anvil=" + fx.devnet.rpcUrl());
    env.put("SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS", a.depositContract());
    env.put("SEAT_MANAGER_VAULT_FACTORY_ADDRESS", a.vaultFactory());
    env.put("SEAT_MANAGER_ROUTER_ADDRESS", a.treasuryRouter());
    env.put("SEAT_MANAGER_PRINCIPAL_DESTINATION", a.principalDestination());
    var config = org.centurion.seatmanager.config.ConfigLoader.load(new org.centurion.seatmanager.config.Environment(env), "127.0.0.1", 0);
    var signer = org.centurion.seatmanager.signing.TreasurySigners.fromConfig(config.writes(), config.chain());
    try (var clients = org.centurion.seatmanager.chain.ChainClients.fromConfig(config.chain(), PipelineFixture.FAST_RPC)) {
      new org.centurion.seatmanager.chain.Preflight(config.chain(), clients, java.util.Optional.of(signer.address())).run().requirePassed();
      // As WatchRuntime builds it: the same settings and fee policy from the same configuration.
      var configuredLock = new org.centurion.seatmanager.store.RoleLock(db.url(), "executor");
      OperationExecutor ex = new OperationExecutor(db.jdbi(), configuredLock,
          clients.primary(), clients.crossCheck(),
          new org.centurion.seatmanager.chain.FeeOracle(org.centurion.seatmanager.chain.FeePolicy.withCapGwei(config.chain().maxFeeGwei())),
          signer, ExecutorSettings.forChain(config.chain()), java.util.Map.of(), java.time.Clock.systemUTC(), PipelineProbe.NONE,
          PipelineMechanicsGuard.INSTANCE, new org.centurion.seatmanager.alerts.AlertService(db.jdbi(), java.time.Clock.systemUTC()),
          new org.centurion.seatmanager.alerts.MoveHolds(db.jdbi()));
      assertThat(ex.sender()).isEqualTo(fx.devnet.treasurySigner().getAddress());
      // The configured local key sits behind the treasury policy: a router payment is refused
      // before the key is used, the operation fails unsent and nothing is paid (issue 12).
      String target = freshAddress();
      Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(8)));
      ex.tick();
      ex.tick();
      assertThat(status(db, op.id())).isEqualTo("FAILED");
      assertThat(rows(db.jdbi(), "SELECT last_error FROM operations WHERE id = ?", op.id()).get(0).get("last_error").toString())
          .contains("POLICY_INNER_TARGET_NOT_ALLOWED");
      assertThat(fx.balance(target)).isZero();
      // The refused intent was never signed: it is discarded and its nonce is free, so the next
      // operation lands at that nonce rather than behind a gap.
      assertThat(rows(db.jdbi(), "SELECT id FROM tx_intents WHERE operation_id = ?", op.id())).isEmpty();
      BigInteger nonceBefore = fx.senderNonce();
      String next = freshAddress();
      Operation allowed = enqueue(db.jdbi(), payment(next, BigInteger.valueOf(9)));
      OperationExecutor mechanics = fx.executor(db, List.of(fx.anvilClient()), 1, PipelineFixture.settings(fx.router(), 1), clock,
          PipelineProbe.NONE);
      configuredLock.close(); // the configured executor steps down; the mechanics one takes the role
      mechanics.tick();
      mechanics.tick();
      assertThat(status(db, allowed.id())).isEqualTo("CONFIRMED");
      assertThat(fx.balance(next)).isEqualTo(BigInteger.valueOf(9));
      assertThat(fx.senderNonce()).isEqualTo(nonceBefore.add(BigInteger.ONE));
    }
    env.put("SEAT_MANAGER_WRITES_ENABLED", "false");
    var readOnly = org.centurion.seatmanager.config.ConfigLoader.load(new org.centurion.seatmanager.config.Environment(env), "127.0.0.1", 0);
    try (var clients = org.centurion.seatmanager.chain.ChainClients.fromConfig(readOnly.chain(), PipelineFixture.FAST_RPC)) {
      var wrongSigner = new org.centurion.seatmanager.chain.Preflight(readOnly.chain(), clients, java.util.Optional.of("0x" + "33".repeat(20)));
      assertThatThrownBy(() -> wrongSigner.run().requirePassed())
          .isInstanceOf(org.centurion.seatmanager.config.ConfigException.class).hasMessageContaining("router active signer");
    }
  }

  @Test
  void theRunLoopTicksAtItsCadenceUntilStopped() throws Exception {
    PipelineFixture.Db db = fx.database();
    OperationExecutor ex = fx.executor(db, List.of(fx.anvilClient()), 1, PipelineFixture.settings(fx.router(), 1),
        java.time.Clock.systemUTC(), PipelineProbe.NONE);
    Thread loop = Thread.ofPlatform().start(ex::run);
    try {
      String target = freshAddress();
      Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(5)));
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "CONFIRMED".equals(status(db, op.id())));
      assertThat(fx.balance(target)).isEqualTo(BigInteger.valueOf(5));
    } finally {
      ex.stop();
      loop.join(5_000);
    }
    assertThat(loop.isAlive()).isFalse();
  }

  private static boolean confirmed(PipelineFixture.Db db, long id) {
    return "CONFIRMED".equals(status(db, id));
  }

  private static String status(PipelineFixture.Db db, long id) {
    return (String) rows(db.jdbi(), "SELECT status FROM operations WHERE id = ?", id).get(0).get("status");
  }
}
