package org.centurion.seatmanager.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.alerts.Alert;
import org.centurion.seatmanager.alerts.AlertQuery;
import org.centurion.seatmanager.audit.AuditEntry;
import org.centurion.seatmanager.audit.AuditQuery;
import org.centurion.seatmanager.auth.NewSession;
import org.centurion.seatmanager.web.auth.SecurityGuard;
import org.centurion.seatmanager.web.auth.SessionCookie;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.AlertSignal;
import org.centurion.seatmanager.alerts.Severity;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.devnet.beacon.EndpointBehaviour;
import org.centurion.seatmanager.metrics.MetricsServer;
import org.centurion.seatmanager.metrics.MetricsSettings;
import org.centurion.seatmanager.metrics.SeatManagerMetrics;
import org.centurion.seatmanager.testing.TestApi;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard routes and the metrics port against a real devnet (anvil + two simulated beacon
 * endpoints), a dead EL endpoint, and a real API on a fresh database.
 */
class DashboardTest {
  static Devnet devnet;
  static TestApi api;
  static SecurityFixture fx;
  static String adminToken;
  static String staticToken = TestSecrets.hex32();

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(DevnetConfig.forTests());
    int dead;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      dead = s.getLocalPort();
    }
    api = TestApi.start(Map.of(
        "SEAT_MANAGER_CHAIN_ID", "286",
        "SEAT_MANAGER_EL_RPC_URLS", "el-a=" + devnet.rpcUrl() + ",el-b=" + devnet.rpcUrl().replace("127.0.0.1", "localhost") + ",el-dead=http://127.0.0.1:" + dead,
        "SEAT_MANAGER_CL_API_URLS", "cl-a=" + devnet.beaconUrls().get(0) + ",cl-b=" + devnet.beaconUrls().get(1),
        "SEAT_MANAGER_STATIC_ADMIN_TOKEN", staticToken));
    fx = new SecurityFixture(api, Clock.systemUTC());
    adminToken = fx.session(fx.user(Role.ADMIN)).token();
  }

  @AfterAll
  static void stop() {
    if (fx != null) {
      fx.close();
    }
    if (api != null) {
      api.close();
    }
    devnet.close();
  }

  @Test
  @Tag("CSM-03")
  @DisplayName("CSM-03 regression: GET /v1/dashboard/(health|alerts) rejects VIEWER and OPERATOR")
  void dashboardIsAdminOnly() {
    for (Role role : new Role[] {Role.VIEWER, Role.OPERATOR}) {
      String token = fx.session(fx.user(role)).token();
      for (String path : new String[] {"/v1/dashboard/health", "/v1/dashboard/alerts"}) {
        HttpResponse<String> r = fx.getBearer(path, token);
        assertThat(r.statusCode()).as(role + " " + path).isEqualTo(403);
        assertThat(SecurityFixture.code(r)).isEqualTo("FORBIDDEN");
        assertThat(r.body()).doesNotContain("\"items\"", "\"executionEndpoints\"");
      }
    }
    assertThat(api.get("/v1/dashboard/health").statusCode()).isEqualTo(401);
    assertThat(fx.getBearer("/v1/dashboard/alerts", staticToken).statusCode()).as("static ADMIN token").isEqualTo(200);
  }

  @Test
  void healthShowsDatabaseEndpointsAgreementQueueSignerAndWarnings() {
    devnet.advanceEpochs(4);
    devnet.beaconEndpoints().get(1).behave(new EndpointBehaviour.Lagging(2));
    try {
      HttpResponse<String> r = fx.getBearer("/v1/dashboard/health", adminToken);
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode h = SecurityFixture.json(r);
      assertThat(h.path("status").asString()).isEqualTo("degraded");
      assertThat(h.path("database").path("reachable").asBoolean()).isTrue();
      assertThat(h.path("database").path("migrationsCurrent").asBoolean()).isTrue();
      assertThat(h.path("database").path("pending")).isEmpty();
      JsonNode el = h.path("executionEndpoints");
      assertThat(el).hasSize(3);
      assertThat(el.get(0).path("label").asString()).isEqualTo("el-a");
      assertThat(el.get(0).path("agreement").asString()).isEqualTo("AGREES");
      assertThat(el.get(0).path("head").asLong()).isPositive();
      assertThat(el.get(1).path("agreement").asString()).isEqualTo("AGREES");
      assertThat(el.get(2).path("agreement").asString()).isEqualTo("DOWN");
      assertThat(el.get(2).path("up").asBoolean()).isFalse();
      assertThat(el.get(2).path("error").asString()).contains("el-dead");
      JsonNode cl = h.path("beaconEndpoints");
      assertThat(cl).hasSize(2);
      // two endpoints that disagree: neither is a majority, the higher finalized checkpoint wins the tie
      assertThat(cl.get(0).path("agreement").asString()).isEqualTo("AGREES");
      assertThat(cl.get(1).path("agreement").asString()).isEqualTo("LAGGING");
      assertThat(h.path("executor").path("queued").asLong()).isZero();
      assertThat(h.path("signer").path("mode").asString()).isEqualTo("disabled");
      assertThat(h.path("writesEnabled").asBoolean()).isFalse();
      assertThat(h.path("warnings").isArray()).isTrue();
      assertThat(r.body()).doesNotContain(staticToken);
    } finally {
      devnet.beaconEndpoints().get(1).behave(EndpointBehaviour.honest());
    }
  }

  @Test
  void healthShowsPerReadWhichEndpointLabelsAgreed() {
    var log = new org.centurion.seatmanager.alerts.EndpointAgreementLog(api.app().database().jdbi(),
        new AlertService(api.app().database().jdbi(), Clock.systemUTC()), Clock.systemUTC());
    var rpc = new org.centurion.seatmanager.chain.RpcSettings(java.time.Duration.ofSeconds(3), 1, java.time.Duration.ZERO,
        java.time.Duration.ZERO);
    try (var a = new org.centurion.seatmanager.chain.ExecutionClient(
            new org.centurion.seatmanager.config.NamedEndpoint("node-a", URI.create(devnet.rpcUrl())), rpc);
        var b = new org.centurion.seatmanager.chain.ExecutionClient(
            new org.centurion.seatmanager.config.NamedEndpoint("node-b", URI.create(devnet.rpcUrl())), rpc)) {
      var check = new org.centurion.seatmanager.chain.EndpointCrossCheck(List.of(a, b),
          new org.centurion.seatmanager.chain.EndpointCrossCheck.Policy(286, 2, 4, java.time.Duration.ofSeconds(5))).recordingTo(log);
      check.agree("test: agreed read", (c, block) -> "same");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> check.agree("test: refused read", (c, block) -> c.label()))
          .isInstanceOf(org.centurion.seatmanager.chain.EndpointCrossCheck.CrossCheckFailedException.class);
    }
    JsonNode reads = SecurityFixture.json(fx.getBearer("/v1/dashboard/health", adminToken)).path("reads");
    JsonNode agreed = null;
    JsonNode refused = null;
    for (JsonNode r : reads) {
      if (r.path("read").asString().equals("test: agreed read")) {
        agreed = r;
      } else if (r.path("read").asString().equals("test: refused read")) {
        refused = r;
      }
    }
    assertThat(agreed).isNotNull();
    assertThat(agreed.path("agreed").asBoolean()).isTrue();
    assertThat(agreed.path("agreeing").toString()).contains("node-a", "node-b").doesNotContain("127.0.0.1");
    assertThat(agreed.path("block").asLong()).isPositive();
    assertThat(refused).isNotNull();
    assertThat(refused.path("agreed").asBoolean()).isFalse();
    assertThat(refused.path("failureCode").asString()).isEqualTo("ENDPOINTS_DISAGREE");
    assertThat(refused.path("others").toString()).contains("node-a: DISAGREED", "node-b: DISAGREED");
  }

  @Test
  void alertsAreListedWithFiltersAndBadQueriesAreRefused() {
    AlertService alerts = new AlertService(api.app().database().jdbi(), Clock.systemUTC());
    alerts.raise("test", AlertSignal.forSeat(AlertKind.SLASHING, Severity.CRITICAL, 41, "", "validator slashed"));
    alerts.raise("test", AlertSignal.global(AlertKind.ENDPOINT_DOWN, Severity.WARNING, "cl-x", "cl-x down"));
    alerts.raise("test", AlertSignal.global(AlertKind.REORG, Severity.WARNING, "r1", "reorg at 12"));
    alerts.resolve("test", "REORG:r1");

    JsonNode all = SecurityFixture.json(fx.getBearer("/v1/dashboard/alerts", adminToken));
    assertThat(all.path("items").size()).isGreaterThanOrEqualTo(3);
    JsonNode slashing = SecurityFixture.json(fx.getBearer("/v1/dashboard/alerts?kind=slashing&seat=41", adminToken));
    assertThat(slashing.path("items")).hasSize(1);
    assertThat(slashing.path("items").get(0).path("severity").asString()).isEqualTo("CRITICAL");
    assertThat(slashing.path("items").get(0).path("seatId").asLong()).isEqualTo(41);
    JsonNode resolved = SecurityFixture.json(fx.getBearer("/v1/dashboard/alerts?state=resolved&kind=REORG", adminToken));
    assertThat(resolved.path("items")).hasSize(1);
    assertThat(resolved.path("items").get(0).path("resolvedAt").isMissingNode()).isFalse();
    JsonNode page = SecurityFixture.json(fx.getBearer("/v1/dashboard/alerts?state=open&limit=1", adminToken));
    assertThat(page.path("items")).hasSize(1);
    String cursor = page.path("nextCursor").asString();
    JsonNode next = SecurityFixture.json(fx.getBearer("/v1/dashboard/alerts?state=open&limit=1&cursor=" + cursor, adminToken));
    assertThat(next.path("items").get(0).path("id").asLong()).isLessThan(page.path("items").get(0).path("id").asLong());

    for (String bad : new String[] {"kind=NOPE", "severity=LOUD", "state=maybe", "limit=0", "limit=501", "seat=-1",
        "cursor=x", "sort=id", "kind=REORG&kind=SLASHING"}) {
      HttpResponse<String> r = fx.getBearer("/v1/dashboard/alerts?" + bad, adminToken);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(SecurityFixture.code(r)).as(bad).isEqualTo("INVALID_QUERY");
    }
    assertThat(fx.getBearer("/v1/dashboard/health?x=1", adminToken).statusCode()).isEqualTo(400);
  }

  @Test
  void anAdminAcknowledgesAnEventAlertWhichResolvesItAndIsShownInTheList() {
    AlertService alerts = new AlertService(api.app().database().jdbi(), Clock.systemUTC());
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    String token = fx.session(admin).token();
    long reorg = alerts.raise("test", AlertSignal.global(AlertKind.REORG, Severity.WARNING, "ack-" + admin.id(), "reorg at 99")).id();

    HttpResponse<String> r = fx.postBearer("/v1/dashboard/alerts/" + reorg + "/acknowledge", token,
        "{\"note\":\"checked the fork, nothing of ours moved\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode acked = SecurityFixture.json(r);
    assertThat(acked.path("acknowledgedBy").asString()).isEqualTo(admin.username());
    assertThat(acked.path("acknowledgeNote").asString()).isEqualTo("checked the fork, nothing of ours moved");
    assertThat(acked.path("resolvedAt").isNull()).isFalse();

    JsonNode listed = SecurityFixture.json(fx.getBearer("/v1/dashboard/alerts?state=resolved&kind=REORG", adminToken))
        .path("items");
    JsonNode row = null;
    for (JsonNode item : listed) {
      if (item.path("id").asLong() == reorg) {
        row = item;
      }
    }
    assertThat(row).as("the acknowledged alert is listed as resolved").isNotNull();
    assertThat(row.path("acknowledgedBy").asString()).isEqualTo(admin.username());
    assertThat(row.path("acknowledgedAt").isNull()).isFalse();

    HttpResponse<String> again = fx.postBearer("/v1/dashboard/alerts/" + reorg + "/acknowledge", token, "");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(SecurityFixture.code(again)).isEqualTo("ALERT_ALREADY_RESOLVED");
    assertThat(fx.audit.list(new AuditQuery(Optional.of(admin.username()), Optional.of("alert.acknowledge"),
        Optional.of("alert:" + reorg), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10)))
        .extracting(AuditEntry::result).containsExactlyInAnyOrder("SUCCESS", "FAILED");
  }

  @Test
  void aConditionAlertStaysOpenWhenAcknowledgedAndStillResolvesItself() {
    AlertService alerts = new AlertService(api.app().database().jdbi(), Clock.systemUTC());
    String key = "ack-cond-" + System.nanoTime();
    long id = alerts.raise("test", AlertSignal.global(AlertKind.ENDPOINT_DOWN, Severity.WARNING, key, "down")).id();
    HttpResponse<String> r = fx.postBearer("/v1/dashboard/alerts/" + id + "/acknowledge", adminToken, "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(SecurityFixture.json(r).path("resolvedAt").isNull()).as("a condition is not resolved by a human").isTrue();
    HttpResponse<String> twice = fx.postBearer("/v1/dashboard/alerts/" + id + "/acknowledge", adminToken, "{}");
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(SecurityFixture.code(twice)).isEqualTo("ALERT_ALREADY_ACKNOWLEDGED");
    // the condition is still seen: the acknowledged row is bumped, not replaced
    assertThat(alerts.raise("test", AlertSignal.global(AlertKind.ENDPOINT_DOWN, Severity.WARNING, key, "down")).id()).isEqualTo(id);
    assertThat(alerts.openAlert("ENDPOINT_DOWN:" + key).orElseThrow().acknowledgedBy()).isPresent();
    assertThat(alerts.resolve("test", "ENDPOINT_DOWN:" + key)).isTrue();
  }

  @Test
  void acknowledgingRefusesUnknownIdsBadNotesLowerRolesAndCookiesWithoutCsrf() {
    AlertService alerts = new AlertService(api.app().database().jdbi(), Clock.systemUTC());
    long id = alerts.raise("test", AlertSignal.forSeat(AlertKind.SLASHING, Severity.CRITICAL, 77, "ack-refusals-" + System.nanoTime(),
        "validator slashed")).id();
    String path = "/v1/dashboard/alerts/" + id + "/acknowledge";
    for (String unknown : new String[] {"/v1/dashboard/alerts/999999999/acknowledge", "/v1/dashboard/alerts/0/acknowledge",
        "/v1/dashboard/alerts/abc/acknowledge"}) {
      HttpResponse<String> r = fx.postBearer(unknown, adminToken, "");
      assertThat(r.statusCode()).as(unknown).isEqualTo(404);
      assertThat(SecurityFixture.code(r)).isEqualTo("NOT_FOUND");
    }
    for (String bad : new String[] {"{\"note\":\"\"}", "{\"note\":\"" + "x".repeat(501) + "\"}"}) {
      HttpResponse<String> r = fx.postBearer(path, adminToken, bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(SecurityFixture.code(r)).isEqualTo("INVALID_NOTE");
    }
    // a line break is a control character: refused before the handler, with the code every route uses
    HttpResponse<String> lineBreak = fx.postBearer(path, adminToken, "{\"note\":\"line\\nbreak\"}");
    assertThat(lineBreak.statusCode()).isEqualTo(400);
    assertThat(SecurityFixture.code(lineBreak)).isEqualTo("CONTROL_CHARACTER");
    HttpResponse<String> unknownField = fx.postBearer(path, adminToken, "{\"resolved\":true}");
    assertThat(unknownField.statusCode()).isEqualTo(400);
    assertThat(SecurityFixture.code(unknownField)).isEqualTo("INVALID_JSON");
    for (Role role : new Role[] {Role.VIEWER, Role.OPERATOR}) {
      HttpResponse<String> r = fx.postBearer(path, fx.session(fx.user(role)).token(), "");
      assertThat(r.statusCode()).as(role.name()).isEqualTo(403);
    }
    NewSession cookie = fx.session(fx.user(Role.ADMIN));
    HttpResponse<String> noCsrf = api.send(api.request(path).header("Cookie", SessionCookie.NAME + "=" + cookie.token())
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("")).build());
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    assertThat(SecurityFixture.code(noCsrf)).isEqualTo("CSRF_FAILED");
    assertThat(alerts.list(new AlertQuery(Optional.of(AlertKind.SLASHING), Optional.empty(), Optional.of(77L), Optional.of(true),
        Optional.empty(), 500))).extracting(Alert::id).as("every refusal changed nothing").contains(id);

    HttpResponse<String> withCsrf = api.send(api.request(path).header("Cookie", SessionCookie.NAME + "=" + cookie.token())
        .header(SecurityGuard.CSRF_HEADER, cookie.csrfToken()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("")).build());
    assertThat(withCsrf.statusCode()).as(withCsrf.body()).isEqualTo(200);
    assertThat(alerts.openAlert(alerts.list(new AlertQuery(Optional.of(AlertKind.SLASHING), Optional.empty(), Optional.of(77L),
        Optional.of(false), Optional.empty(), 500)).get(0).dedupeKey())).isEmpty();
  }

  /**
   * The rows the executor leaves when it is wedged (an operation failing to start tick after tick)
   * and when its pending transactions stopped advancing (ExecutorNeverWedgesTest drives the real
   * executor into both): the API's report and the console's headline and executor panel say so.
   */
  @Test
  void healthAndTheConsoleHeadlineShowAWedgedExecutorAndANonceGap() {
    var jdbi = api.app().database().jdbi();
    long op = jdbi.withHandle(h -> h.createQuery("INSERT INTO operations (kind, target, value_wei, calldata, requested_by, "
            + "tick_failures, last_error) VALUES ('DEPOSIT', :t, 0, '0x', 'test', 3, 'the front-running check cannot be made') "
            + "RETURNING id").bind("t", "0x" + "11".repeat(20)).mapTo(Long.class).one());
    AlertService alerts = new AlertService(jdbi, Clock.systemUTC());
    alerts.raise("executor", AlertSignal.global(AlertKind.TRANSACTION_STUCK, Severity.CRITICAL, "pending-nonce",
        "nonce gap: the chain expects nonce 7 next, but our lowest waiting transaction is 0xabc at nonce 8"));
    try {
      JsonNode h = SecurityFixture.json(fx.getBearer("/v1/dashboard/health", adminToken));
      assertThat(h.path("status").asString()).isEqualTo("degraded");
      assertThat(h.path("executor").path("wedged").asLong()).isEqualTo(1);
      assertThat(h.path("executor").path("stuckTransactions").asLong()).isEqualTo(1);
      assertThat(h.path("executor").path("problems").valueStream().map(JsonNode::asString))
          .anySatisfy(p -> assertThat(p).startsWith("operation " + op + " (DEPOSIT) failed to start 3 ticks in a row"))
          .anySatisfy(p -> assertThat(p).startsWith("TRANSACTION_STUCK: nonce gap"));

      String session = fx.session(fx.user(Role.ADMIN)).token();
      HttpResponse<String> page = api.send(api.request("/console/dashboard")
          .header("Cookie", org.centurion.seatmanager.web.auth.SessionCookie.NAME + "=" + session).GET().build());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("Status <strong>degraded</strong>").contains("id=\"executor-problems\"")
          .contains("wedged 1").contains("stuck transactions 1").contains("nonce gap: the chain expects nonce 7 next");
    } finally {
      alerts.resolve("executor", "TRANSACTION_STUCK:pending-nonce");
      // an operation's history is append-only (issue 14): the test's operation is cancelled, not deleted
      jdbi.useHandle(x -> x.execute("UPDATE operations SET status = 'CANCELLED', tick_failures = 0 WHERE id = ?", op));
    }
  }

  @Test
  void metricsAreServedOnTheirOwnLoopbackPort() throws Exception {
    // the production graph over the API's database (its own endpoint probes, its own metrics)
    try (org.centurion.seatmanager.app.Components components = org.centurion.seatmanager.app.Components.over(
            org.centurion.seatmanager.config.ConfigLoader.load(
                new org.centurion.seatmanager.config.Environment(api.env()), "127.0.0.1", 0),
            api.app().database(), Clock.systemUTC())) {
      DashboardFeature feature = components.dashboard();
      feature.alerts().raise("metrics-test", AlertSignal.global(AlertKind.TREASURY_BALANCE_LOW, Severity.CRITICAL, "m", "low"));
      SeatManagerMetrics metrics = new SeatManagerMetrics(api.app().database().jdbi(), feature.queue(), feature.cursors(),
          feature.probe(), feature.alerts(), Clock.systemUTC());
      try (MetricsServer server = MetricsServer.start(MetricsSettings.loopback(0), metrics)) {
        assertThat(server.host()).isEqualTo("127.0.0.1");
        metrics.refresh();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
            .contains("seat_manager_endpoint_up{endpoint=\"el-a\",layer=\"EL\"} 1.0")
            .contains("seat_manager_endpoint_up{endpoint=\"el-dead\",layer=\"EL\"} 0.0")
            .contains("seat_manager_endpoint_latency_seconds{endpoint=\"cl-a\",layer=\"CL\"}")
            .contains("seat_manager_endpoint_errors_total{endpoint=\"el-dead\",layer=\"EL\"}")
            .contains("seat_manager_alerts_open{kind=\"TREASURY_BALANCE_LOW\",severity=\"CRITICAL\"} 1.0");
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/dashboard/health"))
            .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
      }
    }
  }
}
