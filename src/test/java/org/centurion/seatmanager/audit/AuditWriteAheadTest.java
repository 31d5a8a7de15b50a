package org.centurion.seatmanager.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.centurion.seatmanager.auth.SecurityFixture.json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.auth.StakerKeyService;
import org.centurion.seatmanager.testing.ChildProcess;
import org.centurion.seatmanager.testing.TestApi;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * "Every write is audited" must survive a crash: a write's attempt is on record before its handler
 * runs, so killing the process after the handler committed, where the outcome row would be
 * appended, still leaves the write on record (as an attempt without an outcome).
 */
class AuditWriteAheadTest {
  private static final String STATIC_TOKEN = TestSecrets.hex32();
  private static final String ADDRESS = "0x00000000000000000000000000000000000a0d17";

  static TestApi api;
  static SecurityFixture fx;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    api = TestApi.start(Map.of("SEAT_MANAGER_STATIC_ADMIN_TOKEN", STATIC_TOKEN));
    fx = new SecurityFixture(api, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    fx.close();
    api.close();
  }

  @Test
  void aWriteKilledAfterItsCommitIsStillOnRecordAsAnUnfinishedAttempt() throws Exception {
    long keyId = fx.stakerKeys.create(StakerKeyService.checksummed(ADDRESS), "crash", Optional.empty(), "test")
        .key().id();
    // a session admin: the static token only reads (issue 13)
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    String session = fx.session(admin).token();
    try (ChildProcess child = ChildProcess.startClass(AuditCrashChildMain.class.getName(), childEnv(), dir)) {
      await().atMost(Duration.ofSeconds(60))
          .until(() -> child.stdout().contains(AuditCrashChildMain.LISTENING) || !child.isAlive());
      assertThat(child.stdout()).as(child.stderr()).contains(AuditCrashChildMain.LISTENING);
      int port = Integer.parseInt(child.stdout().split(AuditCrashChildMain.LISTENING)[1].lines().findFirst()
          .orElseThrow().strip());
      // the answer never comes: the child freezes before it, and is then killed
      CompletableFuture<HttpResponse<String>> pending = HttpClient.newHttpClient().sendAsync(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/staker-keys/" + keyId))
              .header("Authorization", "Bearer " + session).header("X-Request-Id", "crash-revoke-1")
              .DELETE().build(), HttpResponse.BodyHandlers.ofString());
      await().atMost(Duration.ofSeconds(30))
          .until(() -> child.stdout().contains(AuditCrashChildMain.REACHED) || !child.isAlive());
      assertThat(child.stdout()).as(child.stderr()).contains(AuditCrashChildMain.REACHED + "crash-revoke-1 status=200");
      child.kill();
      child.waitFor(10);
      pending.cancel(true);
    }

    assertThat(fx.stakerKeys.find(keyId).orElseThrow().revokedAt()).as("the write was committed").isNotNull();
    List<AuditEntry> rows = byRequestId("crash-revoke-1");
    assertThat(rows).as("the committed write is on record").hasSize(1);
    AuditEntry attempt = rows.get(0);
    assertThat(attempt.result()).isEqualTo("ATTEMPTED");
    assertThat(attempt.outcomeId()).as("no outcome: the process died").isNull();
    assertThat(attempt.action()).isEqualTo("DELETE /v1/staker-keys/{id}");
    assertThat(attempt.target()).isEqualTo("id=" + keyId);
    assertThat(attempt.actor()).isEqualTo(admin.username());
    assertThat(attempt.authKind()).isEqualTo("SESSION");

    // and the API shows it as such, with the chain intact
    JsonNode listed = json(fx.getBearer("/v1/audit-logs?result=ATTEMPTED&limit=500", STATIC_TOKEN)).path("items");
    assertThat(listed).anySatisfy(n -> {
      assertThat(n.path("id").asLong()).isEqualTo(attempt.id());
      assertThat(n.path("outcomeId").isNull()).isTrue();
    });
    JsonNode verify = json(fx.getBearer("/v1/audit-logs/verify", STATIC_TOKEN));
    assertThat(verify.path("intact").asBoolean()).as(verify.toString()).isTrue();
  }

  @Test
  void aFinishedWriteHasItsAttemptAndAnOutcomeThatNamesIt() {
    long keyId = fx.stakerKeys.create(StakerKeyService.checksummed(ADDRESS), "ok", Optional.empty(), "test")
        .key().id();
    HttpResponse<String> r = api.send(fx.bearer("/v1/staker-keys/" + keyId, fx.session(fx.user(Role.ADMIN)).token())
        .header("X-Request-Id", "revoke-ok-1").DELETE().build());
    assertThat(r.statusCode()).isEqualTo(200);

    List<AuditEntry> rows = byRequestId("revoke-ok-1");
    assertThat(rows).extracting(AuditEntry::result).containsExactly("SUCCESS", "ATTEMPTED");
    AuditEntry outcome = rows.get(0);
    AuditEntry attempt = rows.get(1);
    assertThat(outcome.attemptId()).isEqualTo(attempt.id());
    assertThat(attempt.outcomeId()).isEqualTo(outcome.id());
    assertThat(attempt.id()).isLessThan(outcome.id());
    assertThat(fx.audit.verify().intact()).isTrue();
  }

  @Test
  void aWriteRefusedByTheGuardNeverRanSoItHasNoAttempt() {
    String viewer = fx.session(fx.user(Role.VIEWER)).token();
    HttpResponse<String> r = api.send(fx.bearer("/v1/staker-keys/1", viewer)
        .header("X-Request-Id", "revoke-denied-1").DELETE().build());
    assertThat(r.statusCode()).isEqualTo(403);
    List<AuditEntry> rows = byRequestId("revoke-denied-1");
    assertThat(rows).singleElement().satisfies(e -> {
      assertThat(e.result()).isEqualTo("DENIED");
      assertThat(e.attemptId()).isNull();
    });
  }

  private static List<AuditEntry> byRequestId(String requestId) {
    return fx.audit.list(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), AuditQuery.MAX_LIMIT)).stream()
        .filter(e -> requestId.equals(e.requestId())).toList();
  }

  private static Map<String, String> childEnv() {
    Map<String, String> env = new HashMap<>(api.env());
    // a short-lived JVM: C1 only and the serial collector start it noticeably faster on 2 cores
    env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    return env;
  }
}
