package org.centurion.seatmanager.auth;

import org.centurion.seatmanager.web.auth.SecurityGuard;
import org.centurion.seatmanager.web.auth.SessionCookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.centurion.seatmanager.auth.SecurityFixture.code;
import static org.centurion.seatmanager.auth.SecurityFixture.json;
import static org.centurion.seatmanager.auth.SecurityFixture.quote;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.app.Application;
import org.centurion.seatmanager.audit.AuditEntry;
import org.centurion.seatmanager.audit.AuditQuery;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.config.Environment;
import org.centurion.seatmanager.testing.TestApi;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Sessions, CSRF, passwords, lockout and throttling, attacked over real HTTP. */
class SessionSecurityTest {
  static TestClock clock = TestClock.now();
  static TestApi api;
  static SecurityFixture fx;

  @BeforeAll
  static void start() {
    api = TestApi.start(Map.of(ConfigLoader.LOGIN_PER_IP_PER_MINUTE, "1000"), clock);
    fx = new SecurityFixture(api, clock);
  }

  @AfterAll
  static void stop() {
    fx.close();
    api.close();
  }

  record Login(String token, String csrf, String setCookie, JsonNode body) {}

  static Login login(SecurityFixture.TestUser u) {
    HttpResponse<String> r = fx.login(u.username(), u.password());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode b = json(r);
    return new Login(b.path("token").asString(), b.path("csrfToken").asString(),
        r.headers().firstValue("Set-Cookie").orElseThrow(), b);
  }

  static HttpResponse<String> withCookie(String method, String path, String token, Map<String, String> headers, String body) {
    HttpRequest.Builder b = api.request(path).header("Cookie", SessionCookie.NAME + "=" + token)
        .header("Content-Type", "application/json");
    headers.forEach(b::header);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return api.send(b.build());
  }

  @Test
  void loginSetsAHardenedCookieAndStoresOnlyAnHmacOfTheToken() throws Exception {
    SecurityFixture.TestUser u = fx.user(Role.VIEWER);
    Login l = login(u);
    assertThat(l.token()).startsWith("sms_").hasSizeGreaterThanOrEqualTo(4 + 43);
    assertThat(l.setCookie()).startsWith(SessionCookie.NAME + "=" + l.token() + ";")
        .contains("; Path=/", "; HttpOnly", "; SameSite=Strict", "; Max-Age=43200").doesNotContain("Secure").doesNotContain("Domain");
    assertThat(l.body().path("user").path("username").asString()).isEqualTo(u.username());
    assertThat(l.body().path("user").has("passwordHash")).isFalse();
    List<byte[]> stored = fx.db.jdbi().withHandle(h -> h.createQuery(
        "SELECT s.token_hmac FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = :u")
        .bind("u", u.username()).mapTo(byte[].class).list());
    assertThat(stored).hasSize(1);
    byte[] raw = l.token().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(stored.get(0)).hasSize(32).isNotEqualTo(raw)
        .isNotEqualTo(MessageDigest.getInstance("SHA-256").digest(raw));
  }

  @Test
  void cookieAndBearerBothAuthenticate() {
    Login l = login(fx.user(Role.VIEWER));
    assertThat(withCookie("GET", "/v1/auth/me", l.token(), Map.of(), null).statusCode()).isEqualTo(200);
    assertThat(fx.getBearer("/v1/auth/me", l.token()).statusCode()).isEqualTo(200);
    assertThat(json(fx.getBearer("/v1/auth/me", l.token())).path("csrfToken").asString()).isEqualTo(l.csrf());
  }

  @Test
  void everyLoginIssuesANewTokenAndAPlantedOneIsNeverAdopted() {
    SecurityFixture.TestUser u = fx.user(Role.VIEWER);
    String planted = "sms_" + Tokens.random256();
    HttpResponse<String> r = api.send(api.request("/v1/auth/login").header("Content-Type", "application/json")
        .header("Cookie", SessionCookie.NAME + "=" + planted)
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":" + quote(u.username()) + ",\"password\":"
            + quote(u.password()) + "}")).build());
    String issued = json(r).path("token").asString();
    assertThat(issued).isNotEqualTo(planted);
    assertThat(withCookie("GET", "/v1/auth/me", planted, Map.of(), null).statusCode()).isEqualTo(401);
    Login second = login(u);
    assertThat(second.token()).isNotEqualTo(issued);
    assertThat(second.csrf()).isNotEqualTo(json(r).path("csrfToken").asString());
  }

  @Test
  void cookieWritesNeedTheSessionsCsrfTokenBearerWritesDoNot() {
    SecurityFixture.TestUser u = fx.user(Role.VIEWER);
    Login l = login(u);
    Login other = login(fx.user(Role.VIEWER));
    String body = "{\"password\":" + quote(u.password()) + ",\"route\":\"POST /v1/auth/totp\"}";
    HttpResponse<String> none = withCookie("POST", "/v1/auth/step-up", l.token(), Map.of(), body);
    assertThat(none.statusCode()).isEqualTo(403);
    assertThat(code(none)).isEqualTo("CSRF_FAILED");
    HttpResponse<String> foreign = withCookie("POST", "/v1/auth/step-up", l.token(),
        Map.of(SecurityGuard.CSRF_HEADER, other.csrf()), body);
    assertThat(code(foreign)).isEqualTo("CSRF_FAILED");
    assertThat(withCookie("POST", "/v1/auth/step-up", l.token(), Map.of(SecurityGuard.CSRF_HEADER, l.csrf()), body)
        .statusCode()).isEqualTo(200);
    assertThat(fx.postBearer("/v1/auth/step-up", l.token(), body).statusCode()).isEqualTo(200);
    // reads need no CSRF token
    assertThat(withCookie("GET", "/v1/auth/me", l.token(), Map.of(), null).statusCode()).isEqualTo(200);
    List<AuditEntry> denied = fx.audit.list(new AuditQuery(Optional.of(u.username()), Optional.empty(),
        Optional.empty(), Optional.of(org.centurion.seatmanager.audit.AuditResult.DENIED), Optional.empty(),
        Optional.empty(), Optional.empty(), 10));
    assertThat(denied).extracting(AuditEntry::reason).containsExactly("CSRF_FAILED", "CSRF_FAILED");
  }

  @Test
  void idleAndAbsoluteTimeoutsEndSessions() {
    SecurityFixture.TestUser u = fx.user(Role.VIEWER);
    String idle = login(u).token();
    clock.advance(Duration.ofMinutes(29));
    assertThat(fx.getBearer("/v1/auth/me", idle).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(31));
    HttpResponse<String> r = fx.getBearer("/v1/auth/me", idle);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(code(r)).isEqualTo("SESSION_INVALID");

    String busy = login(u).token();
    for (int i = 0; i < 35; i++) { // 35 x 20 min = 11 h 40 min, never idle
      clock.advance(Duration.ofMinutes(20));
      assertThat(fx.getBearer("/v1/auth/me", busy).statusCode()).as("after %d min", (i + 1) * 20).isEqualTo(200);
    }
    clock.advance(Duration.ofMinutes(20)); // 12 h: the absolute limit
    assertThat(fx.getBearer("/v1/auth/me", busy).statusCode()).isEqualTo(401);
  }

  @Test
  void backgroundRefreshesAreAnsweredButDoNotKeepASessionAlive() {
    SecurityFixture.TestUser u = fx.user(Role.VIEWER);
    String token = login(u).token();
    for (int i = 0; i < 3; i++) { // 3 x 10 min of a screen refreshing itself, nobody using it
      clock.advance(Duration.ofMinutes(10));
      HttpResponse<String> refresh = fx.api.send(fx.bearer("/v1/auth/me", token)
          .header(SecurityGuard.BACKGROUND_REFRESH_HEADER, SecurityGuard.BACKGROUND_REFRESH_VALUE).GET().build());
      if (i < 2) {
        assertThat(refresh.statusCode()).as("refresh after %d min", (i + 1) * 10).isEqualTo(200);
      } else {
        assertThat(refresh.statusCode()).as("30 min without use: idle").isEqualTo(401);
      }
    }
    // The same cadence of real use keeps it alive.
    String used = login(u).token();
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofMinutes(10));
      assertThat(fx.getBearer("/v1/auth/me", used).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void logoutRevokesTheSessionAndClearsTheCookie() {
    Login l = login(fx.user(Role.VIEWER));
    HttpResponse<String> out = fx.postBearer("/v1/auth/logout", l.token(), "");
    assertThat(out.statusCode()).isEqualTo(200);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(fx.getBearer("/v1/auth/me", l.token()).statusCode()).isEqualTo(401);
    assertThat(fx.postBearer("/v1/auth/logout", l.token(), "").statusCode()).isEqualTo(401);
  }

  @Test
  void fiveFailuresLockTheAccountInTheDatabaseForFifteenMinutes() {
    SecurityFixture.TestUser u = fx.user(Role.VIEWER);
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r = fx.login(u.username(), "wrong-password-" + i + "-xxxxxxxx");
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(code(r)).isEqualTo("INVALID_CREDENTIALS");
    }
    HttpResponse<String> locked = fx.login(u.username(), u.password());
    assertThat(locked.statusCode()).isEqualTo(401);
    assertThat(code(locked)).isEqualTo("INVALID_CREDENTIALS");
    // a second instance over the same database refuses too: the counter is not in memory
    Map<String, String> env = new HashMap<>(api.env());
    try (Application second = Application.start(ConfigLoader.load(new Environment(env), "127.0.0.1", 0), clock)) {
      HttpResponse<String> r = api.send(HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + second.port() + "/v1/auth/login"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
              "{\"username\":" + quote(u.username()) + ",\"password\":" + quote(u.password()) + "}")).build());
      assertThat(r.statusCode()).isEqualTo(401);
    }
    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    assertThat(fx.login(u.username(), u.password()).statusCode()).isEqualTo(200);
    List<String> reasons = fx.audit.list(new AuditQuery(Optional.empty(), Optional.of("auth.login"),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 500))
        .stream().filter(e -> e.actor().contains(u.username())).map(e -> String.valueOf(e.reason())).toList();
    assertThat(reasons).contains("WRONG_PASSWORD", "WRONG_PASSWORD_NOW_LOCKED", "ACCOUNT_LOCKED", "null");
  }

  @Test
  void loginsAreThrottledPerUsername() {
    SecurityFixture.TestUser u = fx.user(Role.VIEWER);
    clock.advance(Duration.ofMinutes(2)); // fresh buckets
    int limited = 0;
    for (int i = 0; i < 11; i++) {
      HttpResponse<String> r = fx.login(u.username(), "not-the-password-" + i);
      if (r.statusCode() == 429) {
        limited++;
        assertThat(code(r)).isEqualTo("RATE_LIMITED");
      }
    }
    assertThat(limited).isEqualTo(1);
    // another username from the same address is not affected
    assertThat(fx.login("someone-else", "not-the-password-x").statusCode()).isEqualTo(401);
  }

  @Test
  void loginsAreThrottledPerClientAddress() {
    try (TestApi limited = TestApi.start(Map.of(ConfigLoader.LOGIN_PER_IP_PER_MINUTE, "3"))) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        statuses.add(limited.postJson("/v1/auth/login",
            "{\"username\":\"user-" + i + "\",\"password\":\"some-password-123456\"}").statusCode());
      }
      assertThat(statuses).containsExactly(401, 401, 401, 429);
    }
  }

  @Test
  void unknownUserAndWrongPasswordGetTheSameAnswerInTheSameTime() {
    SecurityFixture.TestUser u = fx.user(Role.VIEWER);
    clock.advance(Duration.ofMinutes(2));
    fx.login("warm-up", "x"); // first-request costs out of the way
    List<Long> unknown = new ArrayList<>();
    List<Long> wrong = new ArrayList<>();
    String unknownBody = null;
    String wrongBody = null;
    for (int i = 0; i < 4; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> a = fx.login("nobody-" + i, "some-password-123456");
      unknown.add(System.nanoTime() - t0);
      t0 = System.nanoTime();
      HttpResponse<String> b = fx.login(u.username(), "some-password-123456");
      wrong.add(System.nanoTime() - t0);
      assertThat(a.statusCode()).isEqualTo(b.statusCode()).isEqualTo(401);
      unknownBody = a.body().replaceAll("\"requestId\":\"[^\"]*\"", "");
      wrongBody = b.body().replaceAll("\"requestId\":\"[^\"]*\"", "");
    }
    assertThat(unknownBody).isEqualTo(wrongBody);
    long mu = median(unknown);
    long mw = median(wrong);
    // both do one Argon2id hash; a missing dummy hash would make unknown users ~10x faster
    assertThat((double) mu / mw).as("unknown %d ms vs wrong %d ms", mu / 1_000_000, mw / 1_000_000)
        .isBetween(0.3, 3.3);
  }

  @Test
  void absurdUsernamesAreJustUnknownAndStayBoundedInTheLog() {
    String huge = "a".repeat(100_000);
    HttpResponse<String> r = fx.login(huge, "whatever-password-123");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(code(r)).isEqualTo("INVALID_CREDENTIALS");
    long longest = fx.db.jdbi().withHandle(h -> h.createQuery("SELECT max(length(actor)) FROM audit_log")
        .mapTo(Long.class).one());
    assertThat(longest).isLessThanOrEqualTo(201);
  }

  static long median(List<Long> xs) {
    long[] a = xs.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(a);
    return a[a.length / 2];
  }

  @Test
  void aTemporaryPasswordAllowsNothingButChangingIt() {
    String name = SecurityFixture.uniqueName("temp");
    UserService.Created c = fx.users.create(name, Role.ADMIN, Optional.empty());
    String temp = c.generatedPassword().orElseThrow();
    HttpResponse<String> r = fx.login(name, temp);
    assertThat(json(r).path("user").path("passwordChangeRequired").asBoolean()).isTrue();
    String token = json(r).path("token").asString();
    HttpResponse<String> users = fx.getBearer("/v1/users", token);
    assertThat(users.statusCode()).isEqualTo(403);
    assertThat(code(users)).isEqualTo("PASSWORD_CHANGE_REQUIRED");
    assertThat(code(fx.postBearer("/v1/auth/step-up", token, "{\"password\":" + quote(temp) + "}")))
        .isEqualTo("PASSWORD_CHANGE_REQUIRED");
    assertThat(fx.getBearer("/v1/auth/me", token).statusCode()).isEqualTo(200);
    String fresh = "Fresh-" + Tokens.random256();
    HttpResponse<String> changed = fx.postBearer("/v1/users/" + c.user().id() + "/password", token,
        "{\"currentPassword\":" + quote(temp) + ",\"newPassword\":" + quote(fresh) + "}");
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(fx.getBearer("/v1/users", token).statusCode()).isEqualTo(200);
    assertThat(fx.postBearer("/v1/auth/logout", token, "").statusCode()).isEqualTo(200);
  }

  @Test
  void changingOnesPasswordKeepsThisSessionAndEndsTheOthers() {
    SecurityFixture.TestUser u = fx.user(Role.OPERATOR);
    String current = login(u).token();
    String other = login(u).token();
    String fresh = "Fresh-" + Tokens.random256();
    HttpResponse<String> r = fx.postBearer("/v1/users/" + u.id() + "/password", current,
        "{\"currentPassword\":" + quote(u.password()) + ",\"newPassword\":" + quote(fresh) + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(fx.getBearer("/v1/auth/me", current).statusCode()).isEqualTo(200);
    assertThat(fx.getBearer("/v1/auth/me", other).statusCode()).isEqualTo(401);
    // runbook §3: verify the new login works before closing the old session
    assertThat(fx.login(u.username(), fresh).statusCode()).isEqualTo(200);
    assertThat(fx.login(u.username(), u.password()).statusCode()).isEqualTo(401);
  }

  @Test
  void thePasswordPolicyIsEnforcedAndFailuresChangeNothing() {
    SecurityFixture.TestUser u = fx.user(Role.VIEWER);
    String token = fx.session(u).token();
    String path = "/v1/users/" + u.id() + "/password";
    Map<String, String> cases = Map.of(
        "Short-1", "PASSWORD_POLICY",
        "x".repeat(257), "PASSWORD_POLICY",
        "prefix-" + u.username() + "-suffix", "PASSWORD_POLICY",
        u.password(), "PASSWORD_POLICY");
    cases.forEach((pw, expectedCode) -> {
      HttpResponse<String> r = fx.postBearer(path, token,
          "{\"currentPassword\":" + quote(u.password()) + ",\"newPassword\":" + quote(pw) + "}");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(code(r)).isEqualTo(expectedCode);
      assertThat(r.body()).doesNotContain(pw);
    });
    HttpResponse<String> wrongCurrent = fx.postBearer(path, token,
        "{\"currentPassword\":\"not-it-at-all-1234\",\"newPassword\":\"a-perfectly-fine-password-42\"}");
    assertThat(code(wrongCurrent)).isEqualTo("CURRENT_PASSWORD_WRONG");
    assertThat(fx.login(u.username(), u.password()).statusCode()).isEqualTo(200);
  }

  @Test
  void anAdminSetsAnotherUsersPasswordOnlyWithStepUp() {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    SecurityFixture.TestUser target = fx.user(Role.VIEWER);
    NewSession adminSession = fx.session(admin);
    String targetToken = fx.session(target).token();
    String body = "{\"newPassword\":\"Temporary-Password-For-Target\"}";
    String path = "/v1/users/" + target.id() + "/password";
    HttpResponse<String> noStepUp = fx.postBearer(path, adminSession.token(), body);
    assertThat(code(noStepUp)).isEqualTo("STEP_UP_REQUIRED");
    HttpResponse<String> notAdmin = fx.postBearer("/v1/users/" + admin.id() + "/password", targetToken, body);
    assertThat(code(notAdmin)).isEqualTo("FORBIDDEN");
    HttpResponse<String> ok = api.send(fx.bearer(path, adminSession.token()).header("Content-Type", "application/json")
        .header(StepUpService.HEADER, fx.stepUpToken(adminSession, admin, "POST " + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(fx.getBearer("/v1/auth/me", targetToken).statusCode()).isEqualTo(401);
    HttpResponse<String> relog = fx.login(target.username(), "Temporary-Password-For-Target");
    assertThat(json(relog).path("user").path("passwordChangeRequired").asBoolean()).isTrue();
  }

  @Test
  void rotatingTheSessionSecretInvalidatesEverySession() {
    String token = login(fx.user(Role.VIEWER)).token();
    Map<String, String> rotated = new HashMap<>(api.env());
    rotated.put(ConfigLoader.SESSION_HMAC_SECRET, TestSecrets.hex32());
    try (Application app = Application.start(ConfigLoader.load(new Environment(rotated), "127.0.0.1", 0), clock)) {
      HttpResponse<String> r = api.send(HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + app.port() + "/v1/auth/me"))
          .header("Authorization", "Bearer " + token).GET().build());
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(code(r)).isEqualTo("SESSION_INVALID");
    }
    assertThat(fx.getBearer("/v1/auth/me", token).statusCode()).isEqualTo(200);
  }

  @Test
  void disablingAUserEndsTheirSessionsAndLogins() {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    SecurityFixture.TestUser target = fx.user(Role.OPERATOR);
    String targetToken = login(target).token();
    NewSession s = fx.session(admin);
    HttpResponse<String> r = api.send(fx.bearer("/v1/users/" + target.id(), s.token())
        .header(StepUpService.HEADER, fx.stepUpToken(s, admin, "PATCH /v1/users/" + target.id()))
        .header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"disabled\":true}")).build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(fx.getBearer("/v1/auth/me", targetToken).statusCode()).isEqualTo(401);
    assertThat(code(fx.login(target.username(), target.password()))).isEqualTo("INVALID_CREDENTIALS");
  }
}
