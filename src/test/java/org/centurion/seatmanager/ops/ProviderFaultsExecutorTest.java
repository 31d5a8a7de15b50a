package org.centurion.seatmanager.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.centurion.seatmanager.ops.PipelineFixture.enqueue;
import static org.centurion.seatmanager.ops.PipelineFixture.freshAddress;
import static org.centurion.seatmanager.ops.PipelineFixture.payment;
import static org.centurion.seatmanager.ops.PipelineFixture.rows;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.centurion.seatmanager.auth.TestClock;
import org.centurion.seatmanager.testing.FaultyRpcProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real executor behind an endpoint that behaves like a public provider ({@link FaultyRpcProxy}
 * in front of anvil): a rate limit or a "header not found" at gas estimation never fails an
 * operation for good (only a real revert does, {@code OperationExecutorTest}), and a receipt without
 * {@code status} confirms nothing until the chain answers completely.
 */
class ProviderFaultsExecutorTest extends PipelineTest {
  static FaultyRpcProxy proxy;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T08:00:00Z"));

  @BeforeAll
  static void startProxy() throws Exception {
    proxy = new FaultyRpcProxy(fx.devnet.rpcUrl());
  }

  @AfterAll
  static void stopProxy() {
    proxy.close();
  }

  @AfterEach
  void honest() {
    proxy.honest();
  }

  private OperationExecutor executor(PipelineFixture.Db db) {
    return fx.executor(db, List.of(fx.client("provider", proxy.url())), 1, PipelineFixture.settings(fx.router(), 1), clock,
        PipelineProbe.NONE);
  }

  private static String status(PipelineFixture.Db db, long id) {
    return new OperationService(db.jdbi()).find(id).orElseThrow().status().name();
  }

  @Test
  void aTransientHeaderNotFoundAtEstimationIsRetriedAndTheOperationStartsAtOnce() {
    PipelineFixture.Db db = fx.database();
    OperationExecutor ex = executor(db);
    String target = freshAddress();
    Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(77)));
    // a backend of a load balancer that has not seen the head yet, once
    proxy.jsonRpcError("eth_estimateGas", 1, -32000, "header not found");

    assertThat(ex.tick().started()).isEqualTo(1);
    ex.tick();
    assertThat(status(db, op.id())).isEqualTo("CONFIRMED");
    assertThat(fx.balance(target)).isEqualTo(BigInteger.valueOf(77));
  }

  @Test
  void aRateLimitThatOutlastsTheRetriesDefersTheOperationAndItConfirmsOnceTheLimitLifts() {
    PipelineFixture.Db db = fx.database();
    OperationExecutor ex = executor(db);
    String target = freshAddress();
    Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(91)));
    // Infura's wording of a rate limit, on every try
    proxy.jsonRpcError("eth_estimateGas", 1_000, -32005, "project ID request rate exceeded");

    assertThat(ex.tick().started()).isZero();
    Operation deferred = new OperationService(db.jdbi()).find(op.id()).orElseThrow();
    assertThat(deferred.status()).isEqualTo(OperationStatus.QUEUED);
    assertThat(deferred.lastError().orElseThrow()).contains("RATE_LIMITED").doesNotContain("revert");
    assertThat(rows(db.jdbi(), "SELECT * FROM outcome_log")).isEmpty();
    assertThat(rows(db.jdbi(), "SELECT * FROM tx_intents")).isEmpty();

    proxy.honest();
    clock.advance(Duration.ofMinutes(1)); // past the retry delay
    assertThat(ex.tick().started()).isEqualTo(1);
    ex.tick();
    assertThat(status(db, op.id())).isEqualTo("CONFIRMED");
    assertThat(fx.balance(target)).isEqualTo(BigInteger.valueOf(91));
  }

  @Test
  void aReceiptWithoutStatusIsUnknownUntilTheChainAnswersCompletely() {
    PipelineFixture.Db db = fx.database();
    OperationExecutor ex = executor(db);
    String target = freshAddress();
    Operation op = enqueue(db.jdbi(), payment(target, BigInteger.valueOf(13)));
    proxy.stripReceiptStatus(true);

    assertThat(ex.tick().started()).isEqualTo(1);
    fx.mine();
    ex.tick();
    ex.tick();
    assertThat(status(db, op.id())).isEqualTo("IN_FLIGHT");
    assertThat(rows(db.jdbi(), "SELECT * FROM outcome_log")).isEmpty();
    assertThat(rows(db.jdbi(), "SELECT last_error FROM tx_intents")).extracting(r -> (String) r.get("last_error"))
        .singleElement().satisfies(e -> assertThat(e).contains("RECEIPT_INCOMPLETE"));

    proxy.honest();
    ex.tick();
    assertThat(status(db, op.id())).isEqualTo("CONFIRMED");
    assertThat(fx.balance(target)).isEqualTo(BigInteger.valueOf(13));
  }
}
