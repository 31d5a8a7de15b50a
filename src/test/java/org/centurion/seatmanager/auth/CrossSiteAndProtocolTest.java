package org.centurion.seatmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.centurion.seatmanager.auth.SecurityFixture.code;
import static org.centurion.seatmanager.auth.SecurityFixture.quote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.audit.AuditEntry;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.testing.TestApi;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, "Cross-site and protocol" and the control-character part of "Input": what a foreign page,
 * a confused proxy or a fuzzer sends, over real HTTP to a real API.
 */
class CrossSiteAndProtocolTest {
  static final String STATIC_TOKEN = TestSecrets.hex32();
  static TestApi api;
  static SecurityFixture fx;

  @BeforeAll
  static void start() {
    api = TestApi.start(Map.of(ConfigLoader.LEGACY_ADMIN_TOKEN, STATIC_TOKEN));
    fx = new SecurityFixture(api, java.time.Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    fx.close();
    api.close();
  }

  static String loginBody(SecurityFixture.TestUser u) {
    return "{\"username\":" + quote(u.username()) + ",\"password\":" + quote(u.password()) + "}";
  }

  static HttpResponse<String> post(String path, String contentType, String body, String... headers) {
    HttpRequest.Builder b = api.request(path).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return api.send(b.build());
  }

  AuditEntry auditOf(HttpResponse<String> r) {
    String id = r.headers().firstValue("X-Request-Id").orElseThrow();
    return fx.db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM audit_log WHERE request_id = :r ORDER BY id DESC LIMIT 1")
        .bind("r", id).mapTo(Long.class).findOne()).flatMap(fx.audit::get)
        .orElseThrow(() -> new AssertionError("no audit row for request " + id));
  }

  @Test
  void aTextPlainLoginFormFromAnotherPageSetsNoCookie() {
    SecurityFixture.TestUser u = fx.user(Role.VIEWER);
    // the "simple request" a foreign page can send without CORS: its body parses as JSON
    HttpResponse<String> r = post("/v1/auth/login", "text/plain", loginBody(u));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(415);
    assertThat(code(r)).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
    assertThat(post("/v1/auth/login", null, loginBody(u)).statusCode()).isEqualTo(415);
    assertThat(post("/v1/auth/login", "application/json; charset=utf-8", loginBody(u)).statusCode()).isEqualTo(200);
  }

  @Test
  void crossSiteWritesAreRefusedByFetchMetadataOrOrigin() {
    SecurityFixture.TestUser u = fx.user(Role.VIEWER);
    for (String site : List.of("cross-site", "same-site")) {
      HttpResponse<String> r = post("/v1/auth/login", "application/json", loginBody(u), "Sec-Fetch-Site", site);
      assertThat(r.statusCode()).as(site).isEqualTo(403);
      assertThat(code(r)).isEqualTo("CSRF_FAILED");
      assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
      assertThat(auditOf(r).result()).isEqualTo("DENIED");
    }
    // an older browser: no Sec-Fetch-Site, but a foreign (or opaque) Origin
    for (String origin : List.of("https://evil.example", "null", "http://127.0.0.1:1")) {
      HttpResponse<String> r = post("/v1/auth/login", "application/json", loginBody(u), "Origin", origin);
      assertThat(r.statusCode()).as(origin).isEqualTo(403);
      assertThat(code(r)).isEqualTo("CSRF_FAILED");
    }
    String self = api.baseUrl();
    assertThat(post("/v1/auth/login", "application/json", loginBody(u), "Origin", self).statusCode()).isEqualTo(200);
    assertThat(post("/v1/auth/login", "application/json", loginBody(u), "Sec-Fetch-Site", "same-origin",
        "Origin", self).statusCode()).isEqualTo(200);
    // a session's write (bearer) from a cross-site context is refused too: logout leaves the session alive
    NewSession s = fx.session(u);
    HttpResponse<String> out = post("/v1/auth/logout", null, "", "Authorization", "Bearer " + s.token(),
        "Sec-Fetch-Site", "cross-site");
    assertThat(out.statusCode()).isEqualTo(403);
    assertThat(fx.getBearer("/v1/auth/me", s.token()).statusCode()).isEqualTo(200);
  }

  @Test
  void methodOverrideHeadersAreIgnored() {
    // POST + override GET: stays a POST (create user, needs step-up), never the static token's list
    for (String header : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")) {
      HttpResponse<String> r = post("/v1/users", "application/json", "{\"username\":\"x1\",\"role\":\"VIEWER\"}",
          "Authorization", "Bearer " + STATIC_TOKEN, header, "GET");
      assertThat(r.statusCode()).as(header + ": " + r.body()).isEqualTo(403);
      assertThat(r.body()).doesNotContain("\"users\"");
    }
    // GET + override DELETE: a GET route that does not exist, and the key stays
    StakerKeyService.Created key = fx.stakerKeys.create("0x" + "ab".repeat(20), "kept", Optional.empty(), "test");
    HttpResponse<String> r = api.send(fx.bearer("/v1/staker-keys/" + key.key().id(), STATIC_TOKEN)
        .header("X-HTTP-Method-Override", "DELETE").GET().build());
    assertThat(r.statusCode()).isIn(404, 405);
    assertThat(fx.stakerKeys.resolve(key.secret())).isPresent();
  }

  @Test
  void headIsGuardedAndAuditedLikeGet() {
    HttpResponse<String> anon = api.send(api.request("/v1/users").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    assertThat(anon.statusCode()).isEqualTo(401);
    AuditEntry row = auditOf(anon);
    assertThat(row.result()).isEqualTo("DENIED");
    assertThat(row.reason()).isEqualTo("AUTHENTICATION_REQUIRED");
    SecurityFixture.TestUser viewer = fx.user(Role.VIEWER);
    HttpResponse<String> low = api.send(fx.bearer("/v1/audit-logs", fx.session(viewer).token())
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    assertThat(low.statusCode()).isEqualTo(403);
    HttpResponse<String> ok = api.send(fx.bearer("/v1/users", STATIC_TOKEN)
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    assertThat(ok.statusCode()).isEqualTo(200);
  }

  @Test
  void malformedUrisGetTheJsonErrorWithSecurityHeaders() throws IOException {
    for (String target : List.of("/v1/%zz", "/v1/users/%", "/v1/%2e%2e/%2e%2e/etc")) {
      String raw = rawGet(target);
      String head = raw.substring(0, raw.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
      String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
      assertThat(head).as(target).startsWith("http/1.1 400");
      assertThat(head).contains("content-type: application/json").contains("x-content-type-options: nosniff")
          .contains("content-security-policy: default-src").contains("x-request-id: ");
      assertThat(body).contains("\"code\":\"BAD_REQUEST\"").doesNotContain("<html").doesNotContain("%zz");
    }
  }

  private static String rawGet(String target) throws IOException {
    try (Socket s = new Socket("127.0.0.1", api.app().port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aNulInALoginUsernameIsRefusedAndStillAudited() {
    HttpResponse<String> r = post("/v1/auth/login", "application/json",
        "{\"username\":\"admin\\u0000x\",\"password\":\"whatever-long-enough\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(code(r)).isEqualTo("CONTROL_CHARACTER");
    AuditEntry row = auditOf(r);
    assertThat(row.result()).isEqualTo("FAILED");
    assertThat(row.reason()).isEqualTo("CONTROL_CHARACTER");
    assertThat(row.action()).isEqualTo("POST /v1/auth/login");
  }

  @Test
  void controlCharactersInLabelsNotesFiltersAndIdsAre400() {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    NewSession s = fx.session(admin);
    String su = fx.stepUpToken(s, admin, "POST /v1/staker-keys");
    HttpResponse<String> label = api.send(fx.bearer("/v1/staker-keys", s.token()).header("Content-Type", "application/json")
        .header(StepUpService.HEADER, su).POST(HttpRequest.BodyPublishers.ofString(
            "{\"address\":\"0x" + "cd".repeat(20) + "\",\"label\":\"a\\u0000b\"}")).build());
    assertThat(label.statusCode()).as(label.body()).isEqualTo(400);
    assertThat(code(label)).isEqualTo("CONTROL_CHARACTER");
    assertThat(auditOf(label).reason()).isEqualTo("CONTROL_CHARACTER");
    for (String filter : List.of("?actor=a%00b", "?action=x%0Ay", "?target=%7F")) {
      HttpResponse<String> r = fx.getBearer("/v1/audit-logs" + filter, s.token());
      assertThat(r.statusCode()).as(filter).isEqualTo(400);
      assertThat(code(r)).isEqualTo("CONTROL_CHARACTER");
    }
    HttpResponse<String> note = fx.postBearer("/v1/dashboard/alerts/1/acknowledge", s.token(), "{\"note\":\"line\\r\\nforged\"}");
    assertThat(note.statusCode()).isIn(400, 404);
    HttpResponse<String> id = api.send(fx.bearer("/v1/staker-keys/1%01", s.token()).DELETE().build());
    assertThat(id.statusCode()).isEqualTo(400);
    assertThat(code(id)).isEqualTo("CONTROL_CHARACTER");
    assertThat(auditOf(id).target()).isEqualTo("id=1\uFFFD");
  }
}
