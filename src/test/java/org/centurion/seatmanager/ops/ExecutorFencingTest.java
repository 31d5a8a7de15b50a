package org.centurion.seatmanager.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.centurion.seatmanager.ops.PipelineFixture.enqueue;
import static org.centurion.seatmanager.ops.PipelineFixture.freshAddress;
import static org.centurion.seatmanager.ops.PipelineFixture.payment;
import static org.centurion.seatmanager.ops.PipelineFixture.rows;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.chain.FeeOracle;
import org.centurion.seatmanager.chain.FeePolicy;
import org.centurion.seatmanager.store.RoleLock;
import org.centurion.seatmanager.testing.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, leader locks that cannot split: the leading executor, a real child process, is frozen with
 * SIGSTOP in the middle of an operation (its intent committed, nothing signed yet). Its database
 * session ends within the lease, the standby takes the role over (a new epoch) and completes the
 * operation. Resumed with SIGCONT, the old leader carries on exactly where it stopped, and signs,
 * sends and records nothing: one signature, one transaction, one payment.
 */
class ExecutorFencingTest extends PipelineTest {
  private static final Duration LEASE = Duration.ofSeconds(3);
  @TempDir Path dir;

  @Test
  void aFrozenLeaderResumedAfterTheTakeoverWritesAndSendsNothing() throws Exception {
    PipelineFixture.Db db = fx.database();
    String target = freshAddress();
    BigInteger value = BigInteger.valueOf(4_242);
    BigInteger nonceBefore = fx.senderNonce();
    Operation op = enqueue(db.jdbi(), payment(target, value));

    try (ChildProcess old = child(db)) {
      String reached = ExecutorChildMain.REACHED + PipelineProbe.Point.AFTER_INTENT_COMMITTED;
      await().atMost(Duration.ofSeconds(60)).until(() -> old.stdout().contains(reached) || !old.isAlive());
      signal("STOP", old);
      assertThat(old.stdout()).as(old.stderr()).contains(reached).doesNotContain("CRASH-TEST RESUMED");
      assertThat(leadership(db)).containsEntry("epoch", 1L);

      try (RoleLock standbyLock = new RoleLock(db.url(), "executor", "standby", LEASE)) {
        OperationExecutor standby = executor(db, standbyLock);
        // the frozen leader's session is ended by the server within the lease; then the standby leads
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
          standby.tick();
          return "CONFIRMED".equals(status(db, op.id()));
        });
        Map<String, Object> taken = leadership(db);
        assertThat(taken).containsEntry("epoch", 2L).containsEntry("holder", "standby");
        List<Map<String, Object>> attemptsByStandby = rows(db.jdbi(), "SELECT id, tx_hash FROM tx_attempts");
        assertThat(attemptsByStandby).hasSize(1);

        signal("CONT", old);
        await().atMost(Duration.ofSeconds(20)).until(() -> old.stdout().contains("CRASH-TEST RESUMED"));
        // let the old leader run on for a few of its ticks (100 ms cadence)
        Thread.sleep(3_000);
        assertThat(old.isAlive()).as(old.stderr()).isTrue();
        assertThat(old.stdout() + old.stderr()).contains("lost the 'executor' role lock");

        assertThat(rows(db.jdbi(), "SELECT id, tx_hash FROM tx_attempts")).as("no signature of the old leader")
            .isEqualTo(attemptsByStandby);
        assertThat(rows(db.jdbi(), "SELECT count(*) AS n FROM tx_intents").get(0).get("n")).isEqualTo(1L);
        assertThat(leadership(db)).as("the standby still leads").isEqualTo(taken);
        assertThat(fx.senderNonce()).as("exactly one transaction").isEqualTo(nonceBefore.add(BigInteger.ONE));
        assertThat(fx.balance(target)).as("exactly one payment").isEqualTo(value);
        assertThat(status(db, op.id())).isEqualTo("CONFIRMED");
      }
    }
  }

  private static Map<String, Object> leadership(PipelineFixture.Db db) {
    return rows(db.jdbi(), "SELECT epoch, holder FROM role_leadership WHERE role = 'executor'").get(0);
  }

  private static void signal(String signal, ChildProcess p) throws Exception {
    assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor()).isZero();
  }

  private OperationExecutor executor(PipelineFixture.Db db, RoleLock lock) {
    var client = fx.anvilClient();
    ExecutorSettings settings = new ExecutorSettings(286, fx.router(), 1, Duration.ofMillis(20), Duration.ofMinutes(3),
        Duration.ofSeconds(1), 2, 25);
    return new OperationExecutor(db.jdbi(), lock, client, PipelineFixture.crossCheck(List.of(client), 1),
        new FeeOracle(FeePolicy.withCapGwei(500)), PipelineFixture.treasurySigner(), settings,
        Map.of(OperationKind.DEPOSIT, PipelineFixture.RECORDING), Clock.systemUTC(), PipelineProbe.NONE,
        PipelineMechanicsGuard.INSTANCE, new org.centurion.seatmanager.alerts.AlertService(db.jdbi(), Clock.systemUTC()),
        new org.centurion.seatmanager.alerts.MoveHolds(db.jdbi()));
  }

  private ChildProcess child(PipelineFixture.Db db) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("CRASH_TEST_JDBC_URL", db.url().jdbcUrl());
    db.url().user().ifPresent(u -> env.put("CRASH_TEST_DB_USER", u));
    env.put("CRASH_TEST_RPC_URL", fx.devnet.rpcUrl());
    env.put("CRASH_TEST_ROUTER", fx.router());
    env.put("CRASH_TEST_KEY", PipelineFixture.treasuryKeyHex());
    env.put("CRASH_TEST_PAUSE_AT", PipelineProbe.Point.AFTER_INTENT_COMMITTED.name());
    env.put("CRASH_TEST_LEASE_SECONDS", Long.toString(LEASE.toSeconds()));
    env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    return ChildProcess.startClass(ExecutorChildMain.class.getName(), env, dir);
  }

  private static String status(PipelineFixture.Db db, long id) {
    return (String) rows(db.jdbi(), "SELECT status FROM operations WHERE id = ?", id).get(0).get("status");
  }
}
