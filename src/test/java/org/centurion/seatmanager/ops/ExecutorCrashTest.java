package org.centurion.seatmanager.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.centurion.seatmanager.ops.PipelineFixture.enqueue;
import static org.centurion.seatmanager.ops.PipelineFixture.freshAddress;
import static org.centurion.seatmanager.ops.PipelineFixture.payment;
import static org.centurion.seatmanager.ops.PipelineFixture.rows;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.testing.ChildProcess;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.crypto.Hash;

/**
 * The Done-when of the pipeline: the executor runs as a real child process, is SIGKILLed at each
 * point that matters, and after a restart every case ends with exactly one on-chain effect and
 * consistent rows.
 */
class ExecutorCrashTest extends PipelineTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(PipelineProbe.Point.class)
  void aKillAtAnyPointEndsWithExactlyOneOnChainEffect(PipelineProbe.Point point) throws Exception {
    PipelineFixture.Db db = fx.database();
    String target = freshAddress();
    BigInteger value = BigInteger.valueOf(31_337);
    BigInteger nonceBefore = fx.senderNonce();
    Operation op = enqueue(db.jdbi(), payment(target, value));

    try (ChildProcess first = child(db, point.name())) {
      await().atMost(Duration.ofSeconds(60)).until(() -> first.stdout().contains(ExecutorChildMain.REACHED + point)
          || !first.isAlive());
      assertThat(first.stdout()).as(first.stderr()).contains(ExecutorChildMain.REACHED + point);
      first.kill();
      first.waitFor(10);
    }
    String attemptHashBeforeRestart = assertStateAfterKill(db, point, nonceBefore, target);

    try (ChildProcess second = child(db, "")) {
      await().atMost(Duration.ofSeconds(60)).until(() -> "CONFIRMED".equals(status(db, op.id())) || !second.isAlive());
      assertThat(status(db, op.id())).as(second.stdout()).isEqualTo("CONFIRMED");
      second.kill();
      second.waitFor(10);
    }

    assertThat(fx.balance(target)).as("exactly one payment").isEqualTo(value);
    assertThat(fx.senderNonce()).as("exactly one transaction").isEqualTo(nonceBefore.add(BigInteger.ONE));
    List<Map<String, Object>> intents = rows(db.jdbi(), "SELECT id, nonce, status, mined_tx_hash FROM tx_intents");
    assertThat(intents).hasSize(1);
    assertThat(intents.get(0).get("status")).isEqualTo("CONFIRMED");
    assertThat(intents.get(0).get("nonce")).isEqualTo(nonceBefore.longValueExact());
    List<Map<String, Object>> attempts = rows(db.jdbi(), "SELECT tx_hash, raw_tx, broadcast_at FROM tx_attempts");
    assertThat(attempts).as("one signature: the restart re-sent, never re-signed").hasSize(1);
    assertThat(attempts.get(0).get("tx_hash")).isEqualTo(intents.get(0).get("mined_tx_hash"));
    assertThat(Hash.sha3((String) attempts.get(0).get("raw_tx"))).isEqualTo(attempts.get(0).get("tx_hash"));
    if (attemptHashBeforeRestart != null) {
      assertThat(attempts.get(0).get("tx_hash")).isEqualTo(attemptHashBeforeRestart);
    }
    Operation done = new OperationService(db.jdbi()).find(op.id()).orElseThrow();
    assertThat(done.txHash()).contains((String) attempts.get(0).get("tx_hash"));
    assertThat(done.attempts()).isEqualTo(1);
    assertThat(rows(db.jdbi(), "SELECT verdict FROM outcome_log")).extracting(r -> r.get("verdict")).containsExactly("confirmed");
    assertThat(rows(db.jdbi(), "SELECT next_nonce FROM nonce_ledger")).extracting(r -> r.get("next_nonce"))
        .containsExactly(nonceBefore.longValueExact() + 1);
  }

  /** What the killed process left behind; returns the signed hash when one was committed. */
  private String assertStateAfterKill(PipelineFixture.Db db, PipelineProbe.Point point, BigInteger nonceBefore, String target)
      throws Exception {
    List<Map<String, Object>> intents = rows(db.jdbi(), "SELECT status FROM tx_intents");
    List<Map<String, Object>> attempts = rows(db.jdbi(), "SELECT tx_hash, broadcast_at FROM tx_attempts");
    assertThat(intents).hasSize(1);
    switch (point) {
      case AFTER_INTENT_COMMITTED -> {
        assertThat(intents.get(0).get("status")).isEqualTo("PREPARED");
        assertThat(attempts).isEmpty();
        assertThat(fx.senderNonce()).isEqualTo(nonceBefore);
        return null;
      }
      case AFTER_ATTEMPT_COMMITTED -> {
        assertThat(intents.get(0).get("status")).isEqualTo("SIGNED");
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).get("broadcast_at")).isNull();
        assertThat(fx.senderNonce()).as("nothing left the process").isEqualTo(nonceBefore);
        assertThat(fx.balance(target)).isZero();
      }
      case AFTER_BROADCAST -> {
        assertThat(intents.get(0).get("status")).isEqualTo("SIGNED");
        assertThat(attempts.get(0).get("broadcast_at")).isNull();
        assertThat(fx.senderNonce()).as("anvil mined it at once").isEqualTo(nonceBefore.add(BigInteger.ONE));
      }
      case BEFORE_RECEIPT -> {
        assertThat(intents.get(0).get("status")).isEqualTo("SENT");
        assertThat(attempts.get(0).get("broadcast_at")).isNotNull();
      }
    }
    return (String) attempts.get(0).get("tx_hash");
  }

  private ChildProcess child(PipelineFixture.Db db, String stopAt) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("CRASH_TEST_JDBC_URL", db.url().jdbcUrl());
    db.url().user().ifPresent(u -> env.put("CRASH_TEST_DB_USER", u));
    env.put("CRASH_TEST_RPC_URL", fx.devnet.rpcUrl());
    env.put("CRASH_TEST_ROUTER", fx.router());
    env.put("CRASH_TEST_KEY", PipelineFixture.treasuryKeyHex());
    env.put("CRASH_TEST_STOP_AT", stopAt);
    // a short-lived JVM: C1 only and the serial collector start it noticeably faster on 2 cores
    env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    return ChildProcess.startClass(ExecutorChildMain.class.getName(), env, dir);
  }

  private static String status(PipelineFixture.Db db, long id) {
    return (String) rows(db.jdbi(), "SELECT status FROM operations WHERE id = ?", id).get(0).get("status");
  }
}
