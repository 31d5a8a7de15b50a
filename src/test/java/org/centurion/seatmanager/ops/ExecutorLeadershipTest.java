package org.centurion.seatmanager.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.centurion.seatmanager.ops.PipelineFixture.enqueue;
import static org.centurion.seatmanager.ops.PipelineFixture.freshAddress;
import static org.centurion.seatmanager.ops.PipelineFixture.payment;
import static org.centurion.seatmanager.ops.PipelineFixture.rows;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.centurion.seatmanager.chain.FeeOracle;
import org.centurion.seatmanager.chain.FeePolicy;
import org.centurion.seatmanager.store.RoleLock;
import org.junit.jupiter.api.Test;

/** The executor role lock, and two executors on one database. */
class ExecutorLeadershipTest extends PipelineTest {
  @Test
  void theRoleLockHasOneHolderAndPassesOnWhenItsSessionEnds() {
    PipelineFixture.Db db = fx.database();
    try (RoleLock a = new RoleLock(db.url(), "executor");
        RoleLock b = new RoleLock(db.url(), "executor");
        RoleLock other = new RoleLock(db.url(), "deposit-watcher")) {
      assertThat(a.isHeld()).isFalse();
      assertThat(a.tryAcquire()).isTrue();
      assertThat(a.tryAcquire()).as("re-entrant for the holder").isTrue();
      assertThat(b.tryAcquire()).isFalse();
      assertThat(b.isHeld()).isFalse();
      assertThat(other.tryAcquire()).as("another role is another lock").isTrue();

      a.close();
      assertThat(a.isHeld()).isFalse();
      assertThat(b.tryAcquire()).isTrue();

      // The holder's session dies (database restart, network cut): it knows, and the lock is free.
      db.jdbi().useHandle(h -> h.execute("SELECT pg_terminate_backend(l.pid) FROM pg_locks l "
          + "WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid()"));
      assertThat(b.isHeld()).isFalse();
      assertThat(a.tryAcquire()).isTrue();
    }
  }

  @Test
  void twoExecutorsOnOneDatabaseNeverProduceTwoTransactionsForOneIntent() throws Exception {
    PipelineFixture.Db db = fx.database();
    int n = 6;
    BigInteger nonceBefore = fx.senderNonce();
    List<String> targets = enqueuePayments(db, n, 1000);
    RoleLock lockA = new RoleLock(db.url(), "executor");
    RoleLock lockB = new RoleLock(db.url(), "executor");
    OperationExecutor a = executor(db, lockA);
    OperationExecutor b = executor(db, lockB);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger actingTicksB = new AtomicInteger();
    Thread ta = Thread.ofPlatform().start(() -> loop(a, running, new AtomicInteger()));
    Thread tb = Thread.ofPlatform().start(() -> loop(b, running, actingTicksB));
    try {
      // Let one of them work, then kill the holder's session mid-flight: the other takes over.
      await().atMost(Duration.ofSeconds(30)).until(() -> count(db, "SELECT count(*) FROM tx_intents") >= 2);
      db.jdbi().useHandle(h -> h.execute("SELECT pg_terminate_backend(l.pid) FROM pg_locks l "
          + "WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid()"));
      await().atMost(Duration.ofSeconds(60)).until(
          () -> count(db, "SELECT count(*) FROM operations WHERE status = 'CONFIRMED'") == n);
    } finally {
      running.set(false);
      ta.join();
      tb.join();
      lockA.close();
      lockB.close();
    }
    assertEachPaidOnceByOneSignature(db, targets, 1000, nonceBefore);
    assertThat(count(db, "SELECT count(DISTINCT operation_id) FROM tx_intents")).isEqualTo(n);
    assertThat(rows(db.jdbi(), "SELECT nonce FROM tx_intents ORDER BY nonce")).extracting(r -> r.get("nonce"))
        .containsExactlyElementsOf(java.util.stream.LongStream.range(0, n).map(k -> nonceBefore.longValueExact() + k).boxed().toList());
  }

  /**
   * Defence in depth: even two executors that both act (as if the lock were misconfigured) give each
   * operation one intent and each intent one signed transaction, thanks to the row-level claims.
   */
  @Test
  void evenWithoutTheLockTwoActingExecutorsSignEachIntentOnce() throws Exception {
    PipelineFixture.Db db = fx.database();
    int n = 5;
    BigInteger nonceBefore = fx.senderNonce();
    List<String> targets = enqueuePayments(db, n, 2000);
    try (RoleLock lockA = new RoleLock(db.url(), "executor-a"); RoleLock lockB = new RoleLock(db.url(), "executor-b")) {
      OperationExecutor a = executor(db, lockA);
      OperationExecutor b = executor(db, lockB);
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger actingA = new AtomicInteger();
      AtomicInteger actingB = new AtomicInteger();
      Thread ta = Thread.ofPlatform().start(() -> loop(a, running, actingA));
      Thread tb = Thread.ofPlatform().start(() -> loop(b, running, actingB));
      try {
        await().atMost(Duration.ofSeconds(60)).until(
            () -> count(db, "SELECT count(*) FROM operations WHERE status = 'CONFIRMED'") == n);
      } finally {
        running.set(false);
        ta.join();
        tb.join();
      }
      assertThat(actingA.get()).isPositive();
      assertThat(actingB.get()).isPositive();
    }
    assertEachPaidOnceByOneSignature(db, targets, 2000, nonceBefore);
  }

  /** Payment i of {@code firstWei + i} wei to a fresh address each, enqueued in order; returns the targets. */
  private static List<String> enqueuePayments(PipelineFixture.Db db, int n, long firstWei) {
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      targets.add(freshAddress());
      enqueue(db.jdbi(), payment(targets.get(i), BigInteger.valueOf(firstWei + i)));
    }
    return targets;
  }

  /** One intent and one signed transaction per payment, each target paid exactly once, one nonce each. */
  private static void assertEachPaidOnceByOneSignature(PipelineFixture.Db db, List<String> targets, long firstWei,
      BigInteger nonceBefore) throws Exception {
    int n = targets.size();
    assertThat(count(db, "SELECT count(*) FROM tx_intents")).isEqualTo(n);
    assertThat(rows(db.jdbi(), "SELECT intent_id, count(*) AS c FROM tx_attempts GROUP BY intent_id"))
        .hasSize(n).allSatisfy(r -> assertThat(r.get("c")).isEqualTo(1L));
    for (int i = 0; i < n; i++) {
      assertThat(fx.balance(targets.get(i))).isEqualTo(BigInteger.valueOf(firstWei + i));
    }
    assertThat(fx.senderNonce()).isEqualTo(nonceBefore.add(BigInteger.valueOf(n)));
  }

  private OperationExecutor executor(PipelineFixture.Db db, RoleLock lock) {
    var client = fx.anvilClient();
    ExecutorSettings settings = new ExecutorSettings(286, fx.router(), 1, Duration.ofMillis(20), Duration.ofMinutes(3),
        Duration.ofSeconds(1), 2, 25);
    return new OperationExecutor(db.jdbi(), lock, client, PipelineFixture.crossCheck(List.of(client), 1),
        new FeeOracle(FeePolicy.withCapGwei(500)), PipelineFixture.treasurySigner(), settings, Map.of(), Clock.systemUTC(),
        PipelineProbe.NONE, PipelineMechanicsGuard.INSTANCE,
        new org.centurion.seatmanager.alerts.AlertService(db.jdbi(), Clock.systemUTC()), new org.centurion.seatmanager.alerts.MoveHolds(db.jdbi()));
  }

  private static void loop(OperationExecutor ex, AtomicBoolean running, AtomicInteger acting) {
    while (running.get()) {
      try {
        if (ex.tick().acting()) {
          acting.incrementAndGet();
        }
      } catch (RuntimeException e) {
        // a tick cut short by the killed session; the next one recovers
      }
    }
  }

  private static long count(PipelineFixture.Db db, String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
