package org.centurion.seatmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.centurion.seatmanager.auth.SecurityFixture.code;
import static org.centurion.seatmanager.auth.SecurityFixture.json;
import static org.centurion.seatmanager.auth.SecurityFixture.quote;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.audit.AuditEntry;
import org.centurion.seatmanager.audit.AuditQuery;
import org.centurion.seatmanager.audit.AuditResult;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.config.Secret;
import org.centurion.seatmanager.testing.TestApi;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CSM-02 from the attacker's side: step-up misuse, TOTP, and the static admin token. */
class StepUpAndStaticTokenTest {
  static final String STATIC_TOKEN = TestSecrets.hex32();
  static final String CREATE_USER = "{\"username\":\"%s\",\"role\":\"VIEWER\"}";
  static TestClock clock = TestClock.now();
  static TestApi api;
  static SecurityFixture fx;

  @BeforeAll
  static void start() {
    api = TestApi.start(Map.of(ConfigLoader.LEGACY_ADMIN_TOKEN, STATIC_TOKEN), clock);
    fx = new SecurityFixture(api, clock);
  }

  @AfterAll
  static void stop() {
    fx.close();
    api.close();
  }

  static HttpResponse<String> createUser(String sessionToken, String stepUpToken) {
    HttpRequest.Builder b = fx.bearer("/v1/users", sessionToken).header("Content-Type", "application/json");
    if (stepUpToken != null) {
      b.header(StepUpService.HEADER, stepUpToken);
    }
    return api.send(b.POST(HttpRequest.BodyPublishers.ofString(
        CREATE_USER.formatted(SecurityFixture.uniqueName("new")))).build());
  }

  static final String ROUTE = ",\"route\":\"POST /v1/users\"";

  static String stepUpOverHttp(String token, String password) {
    return stepUpOverHttp(token, password, "POST /v1/users");
  }

  static String stepUpOverHttp(String token, String password, String route) {
    HttpResponse<String> r = fx.postBearer("/v1/auth/step-up", token, "{\"password\":" + quote(password)
        + ",\"route\":" + quote(route) + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r).path("stepUpToken").asString();
  }

  @Test
  void aValidStepUpTokenAdmitsItsOwnSession() {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    NewSession s = fx.session(admin);
    String su = stepUpOverHttp(s.token(), admin.password());
    HttpResponse<String> r = createUser(s.token(), su);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(json(r).path("temporaryPassword").asString()).hasSizeGreaterThanOrEqualTo(16);
    assertThat(json(r).path("user").path("passwordChangeRequired").asBoolean()).isTrue();
  }

  @Test
  void missingForgedExpiredForeignAndPostLogoutTokensAreRefused() {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    NewSession s = fx.session(admin);
    String good = stepUpOverHttp(s.token(), admin.password());

    assertThat(code(createUser(s.token(), null))).isEqualTo("STEP_UP_REQUIRED");
    // forged: payload altered (another session id), signature kept
    String[] parts = good.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
    String otherPayload = (s.sessionId() + 1) + payload.substring(payload.indexOf(':'));
    String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(otherPayload.getBytes())
        + "." + parts[2];
    assertThat(code(createUser(s.token(), altered))).isEqualTo("STEP_UP_REQUIRED");
    // forged: signed with a key that is not STEP_UP_HMAC_SECRET
    StepUpService wrongKey = new StepUpService(fx.users, new PasswordHasher(),
        new Hmac(Secret.ofHex(TestSecrets.hex32())), clock, new LoginLimits(9, 9, 9, 9));
    String foreignKeyToken = wrongKey.issue(s.sessionId(), admin.id(), admin.password(), null, "POST /v1/users").stepUpToken();
    assertThat(code(createUser(s.token(), foreignKeyToken))).isEqualTo("STEP_UP_REQUIRED");
    assertThat(code(createUser(s.token(), "su1.garbage.garbage"))).isEqualTo("STEP_UP_REQUIRED");
    // another session's token (same user, and another ADMIN)
    NewSession second = fx.session(admin);
    assertThat(code(createUser(second.token(), good))).isEqualTo("STEP_UP_REQUIRED");
    SecurityFixture.TestUser otherAdmin = fx.user(Role.ADMIN);
    assertThat(code(createUser(fx.session(otherAdmin).token(), good))).isEqualTo("STEP_UP_REQUIRED");
    // still good for its own session, once
    assertThat(createUser(s.token(), good).statusCode()).isEqualTo(201);
    assertThat(code(createUser(s.token(), good))).isEqualTo(StepUpService.REPLAYED);
    // expired
    clock.advance(StepUpService.TTL.plusSeconds(1));
    assertThat(code(createUser(s.token(), good))).isEqualTo("STEP_UP_REQUIRED");
    // after logout: the session is gone, and a new session cannot adopt the old token
    String fresh = stepUpOverHttp(s.token(), admin.password());
    assertThat(fx.postBearer("/v1/auth/logout", s.token(), "").statusCode()).isEqualTo(200);
    HttpResponse<String> afterLogout = createUser(s.token(), fresh);
    assertThat(afterLogout.statusCode()).isEqualTo(401);
    assertThat(code(createUser(fx.session(admin).token(), fresh))).isEqualTo("STEP_UP_REQUIRED");
  }

  @Test
  void aStepUpTokenAdmitsOneRequestOnlyForItsRouteAndTarget() {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    SecurityFixture.TestUser a = fx.user(Role.VIEWER);
    SecurityFixture.TestUser b = fx.user(Role.VIEWER);
    NewSession s = fx.session(admin);
    String forA = stepUpOverHttp(s.token(), admin.password(), "PATCH /v1/users/" + a.id());
    // another target on the same route, and another route, are refused and do not spend the token
    HttpResponse<String> otherTarget = patchUser(s.token(), b.id(), forA);
    assertThat(otherTarget.statusCode()).isEqualTo(403);
    assertThat(code(otherTarget)).isEqualTo(StepUpService.REQUIRED);
    assertThat(code(createUser(s.token(), forA))).isEqualTo(StepUpService.REQUIRED);
    // its own request, once
    assertThat(patchUser(s.token(), a.id(), forA).statusCode()).isEqualTo(200);
    HttpResponse<String> replay = patchUser(s.token(), a.id(), forA);
    assertThat(replay.statusCode()).isEqualTo(403);
    assertThat(code(replay)).isEqualTo(StepUpService.REPLAYED);
    List<AuditEntry> denied = fx.audit.list(new AuditQuery(Optional.of(admin.username()), Optional.empty(),
        Optional.empty(), Optional.of(AuditResult.DENIED), Optional.empty(), Optional.empty(), Optional.empty(), 50));
    assertThat(denied).extracting(AuditEntry::reason).contains(StepUpService.REPLAYED, StepUpService.REQUIRED);
    // a step-up that names no request, or something that is not one, is refused before the password is checked
    for (String route : List.of("", "GET /v1/users", "POST v1/users", "POST /v1/users\n")) {
      HttpResponse<String> r = fx.postBearer("/v1/auth/step-up", s.token(),
          "{\"password\":" + quote(admin.password()) + ",\"route\":" + quote(route) + "}");
      assertThat(r.statusCode()).as(route).isEqualTo(400);
    }
  }

  @Test
  void aStepUpTokenThatNamesNoRouteAdmitsExactlyOneRequestOfItsSession() {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    SecurityFixture.TestUser a = fx.user(Role.VIEWER);
    SecurityFixture.TestUser b = fx.user(Role.VIEWER);
    NewSession s = fx.session(admin);
    HttpResponse<String> issued = fx.postBearer("/v1/auth/step-up", s.token(),
        "{\"password\":" + quote(admin.password()) + "}");
    assertThat(issued.statusCode()).isEqualTo(200);
    String anyOne = json(issued).path("stepUpToken").asString();
    // another session cannot spend it; its own session spends it once, on whichever request comes first
    assertThat(code(patchUser(fx.session(admin).token(), a.id(), anyOne))).isEqualTo(StepUpService.REQUIRED);
    assertThat(patchUser(s.token(), a.id(), anyOne).statusCode()).isEqualTo(200);
    assertThat(code(patchUser(s.token(), b.id(), anyOne))).isEqualTo(StepUpService.REPLAYED);
    assertThat(code(createUser(s.token(), anyOne))).isEqualTo(StepUpService.REPLAYED);
  }

  static HttpResponse<String> patchUser(String sessionToken, long id, String stepUpToken) {
    return api.send(fx.bearer("/v1/users/" + id, sessionToken).header("Content-Type", "application/json")
        .header(StepUpService.HEADER, stepUpToken)
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"role\":\"OPERATOR\"}")).build());
  }

  @Test
  void failedStepUpsAreRefusedThrottledAndAudited() {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    String token = fx.session(admin).token();
    clock.advance(Duration.ofMinutes(2));
    int refused = 0;
    int limited = 0;
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> r = fx.postBearer("/v1/auth/step-up", token, "{\"password\":\"wrong-password-1234567\"" + ROUTE + "}");
      if (r.statusCode() == 429) {
        limited++;
      } else {
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(code(r)).isEqualTo("STEP_UP_FAILED");
        refused++;
      }
    }
    assertThat(refused).isEqualTo(5);
    assertThat(limited).isEqualTo(1);
    List<AuditEntry> rows = fx.audit.list(new AuditQuery(Optional.of(admin.username()), Optional.of("auth.step_up"),
        Optional.empty(), Optional.of(AuditResult.DENIED), Optional.empty(), Optional.empty(), Optional.empty(), 50));
    assertThat(rows).hasSize(6);
    assertThat(rows).extracting(AuditEntry::reason).contains("STEP_UP_FAILED", "RATE_LIMITED");
  }

  @Test
  void withTotpEnrolledStepUpNeedsAFreshCode() {
    SecurityFixture.TestUser u = fx.user(Role.ADMIN);
    NewSession s = fx.session(u);
    HttpResponse<String> enrol = api.send(fx.bearer("/v1/auth/totp", s.token())
        .header(StepUpService.HEADER, fx.stepUpToken(s, u, "POST /v1/auth/totp")).POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(enrol.statusCode()).as(enrol.body()).isEqualTo(200);
    String b32 = json(enrol).path("secret").asString();
    assertThat(json(enrol).path("otpauthUri").asString()).startsWith("otpauth://totp/").contains("secret=" + b32);
    // pending until confirmed (V76: an enrolled secret stays in force meanwhile), and sealed like it
    byte[] stored = fx.db.jdbi().withHandle(h -> h.createQuery("SELECT totp_pending_secret FROM users WHERE id = :id")
        .bind("id", u.id()).mapTo(byte[].class).one());
    byte[] secret = SecurityFixture.base32Decode(b32);
    // sealed at rest: neither the secret nor its base32 form is in the row
    assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(new String(secret, java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThat(stored.length).isGreaterThan(secret.length + 16);
    HttpResponse<String> bad = fx.postBearer("/v1/auth/totp/confirm", s.token(), "{\"totp\":\"000000\"}");
    if (!Totp.code(secret, Totp.counter(clock.instant()), 6).equals("000000")) {
      assertThat(code(bad)).isEqualTo("TOTP_INVALID");
    }
    String now = Totp.code(secret, Totp.counter(clock.instant()), 6);
    assertThat(fx.postBearer("/v1/auth/totp/confirm", s.token(), "{\"totp\":\"" + now + "\"}").statusCode()).isEqualTo(200);

    HttpResponse<String> passwordOnly = fx.postBearer("/v1/auth/step-up", s.token(),
        "{\"password\":" + quote(u.password()) + ROUTE + "}");
    assertThat(code(passwordOnly)).isEqualTo("STEP_UP_FAILED");
    clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
    String next = Totp.code(secret, Totp.counter(clock.instant()), 6);
    String body = "{\"password\":" + quote(u.password()) + ",\"totp\":\"" + next + "\"" + ROUTE + "}";
    assertThat(fx.postBearer("/v1/auth/step-up", s.token(), body).statusCode()).isEqualTo(200);
    // the same code twice is a replay
    assertThat(code(fx.postBearer("/v1/auth/step-up", s.token(), body))).isEqualTo("STEP_UP_FAILED");
  }

  @Test
  void theStaticTokenReadsButNeverWrites() {
    StakerKeyService.Created key = fx.stakerKeys.create("0x" + "ef".repeat(20), "kept", Optional.empty(), "test");
    List<HttpRequest.Builder> writes = List.of(
        fx.bearer("/v1/seats/with-vault", STATIC_TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}")),
        fx.bearer("/v1/seats/1/approve", STATIC_TOKEN).POST(HttpRequest.BodyPublishers.noBody()),
        fx.bearer("/v1/dashboard/alerts/1/acknowledge", STATIC_TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}")),
        fx.bearer("/v1/staker-keys/" + key.key().id(), STATIC_TOKEN).DELETE(),
        fx.bearer("/v1/seats/1/deposit-data", STATIC_TOKEN).POST(HttpRequest.BodyPublishers.ofString("[]")));
    for (HttpRequest.Builder b : writes) {
      HttpRequest req = b.header("Content-Type", "application/json").build();
      HttpResponse<String> r = api.send(req);
      assertThat(r.statusCode()).as(req.uri().toString()).isEqualTo(403);
      assertThat(code(r)).as(req.uri().toString()).isEqualTo("STATIC_TOKEN_NOT_ALLOWED");
    }
    assertThat(fx.stakerKeys.resolve(key.secret())).isPresent();
    assertThat(fx.getBearer("/v1/staker-keys", STATIC_TOKEN).statusCode()).isEqualTo(200);
    assertThat(fx.getBearer("/v1/audit-logs", STATIC_TOKEN).statusCode()).isEqualTo(200);
    // the route table and the OpenAPI document say so too
    for (org.centurion.seatmanager.web.EndpointSpec spec : api.app().specs()) {
      if (spec.isWrite()) {
        assertThat(spec.identities()).as(spec.method() + " " + spec.path()).doesNotContain(IdentityKind.STATIC_TOKEN);
      }
    }
  }

  @Test
  void theStaticTokenIsAdminOnOrdinaryRoutesAndRefusedOnStepUpRoutes() {
    HttpResponse<String> list = fx.getBearer("/v1/users", STATIC_TOKEN);
    assertThat(list.statusCode()).isEqualTo(200);
    // a valid step-up token from a real session does not help the static token
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    NewSession s = fx.session(admin);
    HttpResponse<String> r = createUser(STATIC_TOKEN, fx.stepUpToken(s, admin, "POST /v1/users"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(code(r)).isEqualTo("STATIC_TOKEN_NOT_ALLOWED");
    HttpResponse<String> stepUp = fx.postBearer("/v1/auth/step-up", STATIC_TOKEN, "{\"password\":\"x\"}");
    assertThat(code(stepUp)).isEqualTo("STATIC_TOKEN_NOT_ALLOWED");
    // a near miss is just an unknown credential, not a partial match
    String nearMiss = STATIC_TOKEN.substring(0, STATIC_TOKEN.length() - 1) + (STATIC_TOKEN.endsWith("0") ? "1" : "0");
    assertThat(fx.getBearer("/v1/users", nearMiss).statusCode()).isEqualTo(401);
    // every use is on record as the static token
    List<AuditEntry> uses = fx.audit.list(new AuditQuery(Optional.of("static-admin-token"), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 100));
    assertThat(uses).extracting(AuditEntry::action).contains("GET /v1/users", "POST /v1/users", "POST /v1/auth/step-up");
    assertThat(uses).allSatisfy(e -> assertThat(e.authKind()).isEqualTo("STATIC_TOKEN"));
    assertThat(uses).filteredOn(e -> e.action().equals("POST /v1/users"))
        .allSatisfy(e -> assertThat(e.reason()).isEqualTo("STATIC_TOKEN_NOT_ALLOWED"));
  }
}
