package org.centurion.seatmanager.seats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.centurion.seatmanager.auth.NewSession;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.cli.Main;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetValidatorKey;
import org.centurion.seatmanager.ops.Operation;
import org.centurion.seatmanager.ops.OperationStatus;
import org.centurion.seatmanager.ops.PipelineProbe;
import org.centurion.seatmanager.web.auth.SessionCookie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * The emergency pause (issue 15) on the devnet, through the real routes, console, CLI and executor:
 * a pause made between a deposit's route and its signature stops the signature on every executor
 * (the state is a row every instance reads right before signing), everything shows it, and after
 * resume the very same intent is signed and confirmed; queued operations stay queued meanwhile. And
 * what a stolen or lesser credential would try.
 */
class EmergencyPauseDevnetTest {
  static SeatTestbed bed;
  static final String BENEFICIARY = DevnetAccounts.account(DevnetAccounts.BENEFICIARY).getAddress();

  @BeforeAll
  static void start() throws Exception {
    bed = new SeatTestbed();
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  @AfterEach
  void resumeIfPaused() {
    bed.probe.set(PipelineProbe.NONE);
    bed.fx.db.jdbi().useHandle(h -> h.execute("UPDATE executor_pause SET paused = false, reason = 'test cleanup'"));
  }

  private static long count(String sql, Object... binds) {
    return bed.count(sql, binds);
  }

  private static java.util.List<String> strings(String sql, Object... binds) {
    return bed.fx.db.jdbi().withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < binds.length; i++) {
        q.bind(i, binds[i]);
      }
      return q.mapTo(String.class).list();
    });
  }

  private static long allowlistedSeat(String operator) {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    HttpResponse<String> r = bed.post("/v1/seats/with-vault", SeatTestbed.withVaultBody(operator, BENEFICIARY, key.pubkey()),
        false);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    bed.execute(SecurityFixture.json(r).path("operation").path("id").asLong());
    long id = bed.seatOf(Numeric.toHexString(key.pubkey()));
    String vault = bed.get("/v1/seats/" + id).path("vault").asString();
    HttpResponse<String> dd = bed.post("/v1/seats/" + id + "/deposit-data",
        bed.depositFile(key, vault, bed.devnet.genesisForkVersion()), false);
    assertThat(dd.statusCode()).as(dd.body()).isEqualTo(200);
    bed.execute(SecurityFixture.json(bed.post("/v1/seats/" + id + "/approve", "", false)).path("operation").path("id").asLong());
    assertThat(bed.state(id)).isEqualTo("ALLOWLISTED");
    return id;
  }

  private static HttpResponse<String> pause(String reason) {
    return bed.post("/v1/executor/pause", "{\"reason\":" + SecurityFixture.quote(reason) + "}", true);
  }

  private static HttpResponse<String> resume(String reason) {
    return bed.post("/v1/executor/resume", "{\"reason\":" + SecurityFixture.quote(reason) + "}", true);
  }

  @Test
  void aPauseBetweenTheDepositRouteAndItsSignatureStopsTheSignatureUntilResume() throws Exception {
    long id = allowlistedSeat("op-pause-deposit");
    HttpResponse<String> deposit = bed.post("/v1/seats/" + id + "/deposit", "", true);
    assertThat(deposit.statusCode()).as(deposit.body()).isEqualTo(202);
    long opId = SecurityFixture.json(deposit).path("operation").path("id").asLong();
    long balanceBefore = bed.devnet.web3j().ethGetBalance(bed.devnet.addresses().depositContract(),
        org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getBalance().longValue();

    // the pause lands after the intent (and its nonce) committed and before the key is asked
    bed.probe.set((point, intentId) -> {
      if (point == PipelineProbe.Point.AFTER_INTENT_COMMITTED) {
        HttpResponse<String> p = pause("incident 42: suspicious deposit data");
        assertThat(p.statusCode()).as(p.body()).isEqualTo(200);
      }
    });
    bed.executor.tick();
    bed.probe.set(PipelineProbe.NONE);
    for (int i = 0; i < 3; i++) {
      bed.executor.tick();
    }
    Operation op = bed.operations.find(opId).orElseThrow();
    assertThat(op.status()).isEqualTo(OperationStatus.IN_FLIGHT);
    assertThat(count("SELECT count(*) FROM tx_attempts a JOIN tx_intents i ON i.id = a.intent_id WHERE i.operation_id = ?", opId))
        .as("nothing was signed").isZero();
    String intent = strings("SELECT status || ' ' || coalesce(last_error, '') FROM tx_intents WHERE operation_id = ?", opId).get(0);
    assertThat(intent).startsWith("PREPARED").contains("EXECUTOR_PAUSED");
    assertThat(bed.devnet.web3j().ethGetBalance(bed.devnet.addresses().depositContract(),
        org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getBalance().longValue()).isEqualTo(balanceBefore);

    // everything shows it: the pause route, the dashboard health, the alert, the console on every page
    JsonNode state = bed.get("/v1/executor/pause");
    assertThat(state.path("paused").asBoolean()).isTrue();
    assertThat(state.path("reason").asString()).isEqualTo("incident 42: suspicious deposit data");
    assertThat(state.path("changedBy").asString()).isEqualTo(bed.admin.username());
    JsonNode health = bed.get("/v1/dashboard/health");
    assertThat(health.path("status").asString()).isEqualTo("paused");
    assertThat(health.path("emergencyPause").path("paused").asBoolean()).isTrue();
    assertThat(health.path("executor").path("paused").asString()).contains("incident 42");
    assertThat(count("SELECT count(*) FROM alerts WHERE kind = 'EXECUTOR_PAUSED' AND severity = 'CRITICAL'"
        + " AND resolved_at IS NULL")).isEqualTo(1);
    for (String page : new String[] {"/console/seats", "/console/seats/" + id, "/console/dashboard", "/console/audit"}) {
      HttpResponse<String> html = consolePage(page);
      assertThat(html.statusCode()).as(page).isEqualTo(200);
      assertThat(html.body()).as(page).contains("id=\"pause-banner\"").contains("incident 42");
    }

    // resume needs step-up too; then the same intent is signed, sent and confirmed
    HttpResponse<String> noStepUp = bed.post("/v1/executor/resume", "{\"reason\":\"fixed\"}", false);
    assertThat(noStepUp.statusCode()).as(noStepUp.body()).isEqualTo(403);
    HttpResponse<String> resumed = resume("incident 42 closed: data re-verified");
    assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
    assertThat(count("SELECT count(*) FROM alerts WHERE kind = 'EXECUTOR_PAUSED' AND resolved_at IS NULL")).isZero();
    bed.execute(opId);
    assertThat(bed.state(id)).isEqualTo("DEPOSITED");
    assertThat(count("SELECT count(*) FROM tx_intents WHERE operation_id = ?", opId)).as("one intent, never a second").isEqualTo(1);
    // the refusal without step-up is the guard's, recorded under the route before any handler ran
    java.util.List<String> audited = strings("SELECT action || ' ' || result FROM audit_log"
        + " WHERE action IN ('executor.pause', 'executor.resume', 'POST /v1/executor/resume') AND result <> 'ATTEMPTED' ORDER BY id");
    assertThat(audited).containsSubsequence("executor.pause SUCCESS", "POST /v1/executor/resume DENIED", "executor.resume SUCCESS");
  }

  @Test
  void queuedOperationsStayQueuedWhilePausedHoldingNoNonce() {
    long id = allowlistedSeat("op-pause-queued");
    assertThat(pause("maintenance window").statusCode()).isEqualTo(200);
    HttpResponse<String> deposit = bed.post("/v1/seats/" + id + "/deposit", "", true);
    assertThat(deposit.statusCode()).as("routes still queue: " + deposit.body()).isEqualTo(202);
    long opId = SecurityFixture.json(deposit).path("operation").path("id").asLong();
    for (int i = 0; i < 3; i++) {
      bed.executor.tick();
    }
    assertThat(bed.operations.find(opId).orElseThrow().status()).isEqualTo(OperationStatus.QUEUED);
    assertThat(count("SELECT count(*) FROM tx_intents WHERE operation_id = ?", opId)).as("no nonce taken").isZero();
    java.util.List<String> heartbeats = strings("SELECT coalesce(paused_reason, '') FROM executor_heartbeat");
    assertThat(heartbeats).anyMatch(r -> r.startsWith("EXECUTOR_PAUSED"));
    assertThat(resume("window over").statusCode()).isEqualTo(200);
    bed.execute(opId);
    assertThat(bed.state(id)).isEqualTo("DEPOSITED");
  }

  @Test
  void theConsoleButtonsPauseAndResumeWithTheAdminsPassword() {
    HttpResponse<String> wrongPassword = bed.consoleForm("/console/executor/pause",
        Map.of("reason", "console test", "confirmPassword", "not-the-password"));
    assertThat(wrongPassword.statusCode()).isEqualTo(403);
    assertThat(bed.get("/v1/executor/pause").path("paused").asBoolean()).isFalse();
    HttpResponse<String> paused = bed.consoleForm("/console/executor/pause",
        Map.of("reason", "console test", "confirmPassword", bed.admin.password()));
    assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
    assertThat(bed.get("/v1/executor/pause").path("paused").asBoolean()).isTrue();
    assertThat(consolePage("/console/dashboard").body()).contains("id=\"resume-form\"");
    HttpResponse<String> resumed = bed.consoleForm("/console/executor/resume",
        Map.of("reason", "console test over", "confirmPassword", bed.admin.password()));
    assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
    assertThat(bed.get("/v1/executor/pause").path("paused").asBoolean()).isFalse();
    assertThat(consolePage("/console/dashboard").body()).contains("id=\"pause-form\"").doesNotContain("id=\"pause-banner\"");
  }

  @Test
  void theCliPausesAndResumesThroughTheApi() {
    Run paused = cli(bed.admin.password() + "\n", "pause", "--api-url", bed.api.baseUrl(), "--username", bed.admin.username(),
        "--reason", "cli incident");
    assertThat(paused.exit()).as(paused.err()).isZero();
    assertThat(bed.get("/v1/executor/pause").path("reason").asString()).isEqualTo("cli incident");
    Run again = cli(bed.admin.password() + "\n", "pause", "--api-url", bed.api.baseUrl(), "--username", bed.admin.username(),
        "--reason", "twice");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("ALREADY_PAUSED");
    Run wrong = cli("wrong-password\n", "resume", "--api-url", bed.api.baseUrl(), "--username", bed.admin.username(),
        "--reason", "x");
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(bed.get("/v1/executor/pause").path("paused").asBoolean()).isTrue();
    Run resumed = cli(bed.admin.password() + "\n", "resume", "--api-url", bed.api.baseUrl(), "--username", bed.admin.username(),
        "--reason", "cli incident closed");
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    assertThat(bed.get("/v1/executor/pause").path("paused").asBoolean()).isFalse();
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'executor.pause' AND result = 'SUCCESS' AND actor = ?",
        bed.admin.username())).isPositive();
  }

  /** What a stolen static token, a lesser role, a missing step-up or a malformed body gets: a refusal, nothing changed. */
  @Test
  void lesserCredentialsAndBadBodiesCannotPauseOrResume() {
    SecurityFixture.TestUser operator = bed.fx.user(Role.OPERATOR);
    NewSession operatorSession = bed.fx.session(operator);
    String route = "/v1/executor/pause";
    String body = "{\"reason\":\"attack\"}";
    assertThat(bed.postAs(SeatTestbed.STATIC_TOKEN, route, body).statusCode()).as("static token").isIn(401, 403);
    HttpRequest asOperator = bed.fx.bearer(route, operatorSession.token()).header("Content-Type", "application/json")
        .header(StepUpService.HEADER, bed.fx.stepUpToken(operatorSession, operator, "POST " + route))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    assertThat(bed.api.send(asOperator).statusCode()).as("operator").isEqualTo(403);
    assertThat(bed.post(route, body, false).statusCode()).as("no step-up").isEqualTo(403);
    HttpResponse<String> noReason = bed.post(route, "{\"reason\":\"   \"}", true);
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(SecurityFixture.code(noReason)).isEqualTo("INVALID_REASON");
    HttpResponse<String> control = bed.post(route, "{\"reason\":\"line\\u0000break\"}", true);
    assertThat(control.statusCode()).isEqualTo(400);
    assertThat(SecurityFixture.code(control)).as("the API's input guard, before the handler").isEqualTo("CONTROL_CHARACTER");
    HttpResponse<String> tooLong = bed.post(route, "{\"reason\":\"" + "x".repeat(501) + "\"}", true);
    assertThat(SecurityFixture.code(tooLong)).isEqualTo("INVALID_REASON");
    HttpResponse<String> extra = bed.post(route, "{\"reason\":\"x\",\"paused\":false}", true);
    assertThat(extra.statusCode()).as("unknown field").isEqualTo(400);
    HttpResponse<String> stepUpForAnotherRoute = bed.api.send(bed.fx.bearer(route, bed.adminToken)
        .header("Content-Type", "application/json").header(StepUpService.HEADER, bed.stepUpFor("POST /v1/executor/resume"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    assertThat(stepUpForAnotherRoute.statusCode()).as("step-up bound to resume").isEqualTo(403);
    assertThat(bed.get("/v1/executor/pause").path("paused").asBoolean()).as("nothing changed").isFalse();
    HttpResponse<String> notPaused = resume("nothing to resume");
    assertThat(notPaused.statusCode()).isEqualTo(409);
    assertThat(SecurityFixture.code(notPaused)).isEqualTo("NOT_PAUSED");
    assertThat(count("SELECT count(*) FROM audit_log WHERE action IN ('executor.pause', 'POST /v1/executor/pause')"
        + " AND result IN ('DENIED', 'FAILED')")).as("every refusal audited").isGreaterThanOrEqualTo(8);
    // a VIEWER may read the pause (every page shows it), not change it
    SecurityFixture.TestUser viewer = bed.fx.user(Role.VIEWER);
    assertThat(bed.fx.getBearer("/v1/executor/pause", bed.fx.session(viewer).token()).statusCode()).isEqualTo(200);
  }

  private static HttpResponse<String> consolePage(String path) {
    NewSession s = bed.fx.session(bed.admin);
    return bed.api.send(bed.api.request(path).header("Cookie", SessionCookie.NAME + "=" + s.token()).GET().build());
  }

  record Run(int exit, String out, String err) {}

  private static synchronized Run cli(String stdin, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    InputStream in = System.in;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      int code = Main.run(args);
      return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
      System.setIn(in);
    }
  }
}
