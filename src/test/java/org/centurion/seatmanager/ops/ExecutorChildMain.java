package org.centurion.seatmanager.ops;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.chain.EndpointCrossCheck;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.chain.FeeOracle;
import org.centurion.seatmanager.chain.FeePolicy;
import org.centurion.seatmanager.config.NamedEndpoint;
import org.centurion.seatmanager.chain.RpcSettings;
import org.centurion.seatmanager.config.DatabaseUrl;
import org.centurion.seatmanager.signing.LocalKeySigner;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.RoleLock;
import org.centurion.seatmanager.testing.CrashPoint;

/**
 * Test-only entry point: the executor alone, as a process the crash tests can SIGKILL. With
 * {@code CRASH_TEST_STOP_AT} naming a {@link PipelineProbe.Point}, the process announces reaching it on
 * stdout and freezes right there, so the test kills it at exactly that point.
 */
public final class ExecutorChildMain {
  public static final String REACHED = "CRASH-TEST REACHED ";

  private ExecutorChildMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    DatabaseUrl url = new DatabaseUrl(env.get("CRASH_TEST_JDBC_URL"), Optional.ofNullable(env.get("CRASH_TEST_DB_USER")),
        Optional.empty());
    Optional<PipelineProbe.Point> stopAt = Optional.ofNullable(env.get("CRASH_TEST_STOP_AT")).filter(s -> !s.isBlank())
        .map(PipelineProbe.Point::valueOf);
    Optional<PipelineProbe.Point> pauseAt = Optional.ofNullable(env.get("CRASH_TEST_PAUSE_AT")).filter(s -> !s.isBlank())
        .map(PipelineProbe.Point::valueOf);
    PipelineProbe probe = (point, intentId) -> {
      if (stopAt.isPresent() && stopAt.get() == point) {
        CrashPoint.announceAndFreeze(REACHED + point + " intent=" + intentId);
      }
      if (pauseAt.isPresent() && pauseAt.get() == point) {
        // announce, then linger a moment and go on: the fencing test SIGSTOPs the process in that moment
        System.out.println(REACHED + point + " intent=" + intentId);
        System.out.flush();
        try {
          Thread.sleep(2_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        System.out.println("CRASH-TEST RESUMED " + point);
        System.out.flush();
      }
    };
    Database db = Database.open(url, "crash-child", 3);
    ExecutionClient client = new ExecutionClient(new NamedEndpoint("anvil", URI.create(env.get("CRASH_TEST_RPC_URL"))),
        new RpcSettings(Duration.ofSeconds(3), 2, Duration.ofMillis(50), Duration.ofMillis(100)));
    EndpointCrossCheck check = new EndpointCrossCheck(List.of(client),
        new EndpointCrossCheck.Policy(286, 1, 4, Duration.ofSeconds(3)));
    ExecutorSettings settings = new ExecutorSettings(286, env.get("CRASH_TEST_ROUTER"), 1, Duration.ofMillis(100),
        Duration.ofMinutes(3), Duration.ofSeconds(1), 10, 25);
    OperationExecutor executor = new OperationExecutor(db.jdbi(), new RoleLock(url, "executor", "child:" + ProcessHandle.current().pid(),
        Duration.ofSeconds(Long.parseLong(env.getOrDefault("CRASH_TEST_LEASE_SECONDS", "15")))), client, check,
        new FeeOracle(FeePolicy.withCapGwei(500)), LocalKeySigner.fromHex(env.get("CRASH_TEST_KEY").toCharArray()), settings,
        Map.of(OperationKind.DEPOSIT, PipelineFixture.RECORDING), Clock.systemUTC(), probe, PipelineMechanicsGuard.INSTANCE,
        new org.centurion.seatmanager.alerts.AlertService(db.jdbi(), Clock.systemUTC()), new org.centurion.seatmanager.alerts.MoveHolds(db.jdbi()));
    System.out.println("CRASH-TEST STARTED");
    System.out.flush();
    executor.run();
  }
}
