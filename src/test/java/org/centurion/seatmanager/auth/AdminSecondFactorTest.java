package org.centurion.seatmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.centurion.seatmanager.auth.SecurityFixture.code;
import static org.centurion.seatmanager.auth.SecurityFixture.json;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.testing.TestApi;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 13, "a second factor for admins", from the attacker's side, against a production-mode API over
 * real HTTP and PostgreSQL: an ADMIN without a factor cannot step up (but can enrol one), a stolen
 * session without the factor gets nothing, TOTP codes and recovery codes are single-use, guessing the
 * factor counts toward the password lockout, and passkeys (a software authenticator signing real ES256
 * assertions, verified by Yubico's library) refuse replay, another origin, another RP id, a counter that
 * goes backwards, and another session's challenge.
 */
class AdminSecondFactorTest {
  static final String ORIGIN = "https://seats.example.test";
  static final String RP_ID = "seats.example.test";
  static final String ENROL_TOTP = "POST /v1/auth/totp";
  static final String ENROL_PASSKEY = "POST /v1/auth/passkeys/registration/options";
  static final String REGENERATE = "POST /v1/auth/recovery-codes";
  static TestClock clock = TestClock.now();
  static TestApi api;
  static SecurityFixture fx;

  @BeforeAll
  static void start() {
    api = TestApi.start(Map.of("SEAT_MANAGER_ENV", "production", "SEAT_MANAGER_SECURE_COOKIES", "true",
        "SEAT_MANAGER_STAKER_KEY_HMAC_SECRET", TestSecrets.hex32(),
        "SEAT_MANAGER_MFA_KEY", TestSecrets.hex32(), "SEAT_MANAGER_WEBAUTHN_ORIGIN", ORIGIN,
        "SEAT_MANAGER_AUDIT_CHAIN_KEY", TestSecrets.hex32()), clock);
    fx = new SecurityFixture(api, clock);
  }

  @AfterAll
  static void stop() {
    fx.close();
    api.close();
  }

  @BeforeEach
  void nextMinute() {
    clock.advance(Duration.ofMinutes(2)); // the per-session step-up throttle (5 a minute) starts afresh
  }

  // ---- helpers ------------------------------------------------------------------------------------

  static HttpResponse<String> post(NewSession s, String path, String body, String stepUpToken) {
    HttpRequest.Builder b = fx.bearer(path, s.token()).header("Content-Type", "application/json");
    if (stepUpToken != null) {
      b.header(StepUpService.HEADER, stepUpToken);
    }
    return api.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** POST /v1/auth/step-up with the password and {@code factor} ({"totp": …} etc.). */
  static HttpResponse<String> stepUp(NewSession s, SecurityFixture.TestUser u, String route, ObjectNode factor) {
    ObjectNode body = factor == null ? SecurityFixture.JSON.createObjectNode() : factor.deepCopy();
    body.put("password", u.password());
    body.put("route", route);
    return post(s, "/v1/auth/step-up", SecurityFixture.JSON.writeValueAsString(body), null);
  }

  static ObjectNode field(String name, String value) {
    return SecurityFixture.JSON.createObjectNode().put(name, value);
  }

  static String token(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r).path("stepUpToken").asString();
  }

  static int failures(SecurityFixture.TestUser u) {
    return fx.db.jdbi().withHandle(h -> h.createQuery("SELECT failed_logins FROM users WHERE id = :id")
        .bind("id", u.id()).mapTo(Integer.class).one());
  }

  static boolean locked(SecurityFixture.TestUser u) {
    return fx.db.jdbi().withHandle(h -> h.createQuery("SELECT locked_until IS NOT NULL FROM users WHERE id = :id")
        .bind("id", u.id()).mapTo(Boolean.class).one());
  }

  record Enrolled(byte[] secret, List<String> recoveryCodes) {}

  /** Enrols TOTP the way a first-time production ADMIN does: step up with the password for the enrol route. */
  static Enrolled enrolTotp(NewSession s, SecurityFixture.TestUser u) {
    HttpResponse<String> begun = post(s, "/v1/auth/totp", "", token(stepUp(s, u, ENROL_TOTP, null)));
    assertThat(begun.statusCode()).as(begun.body()).isEqualTo(200);
    byte[] secret = SecurityFixture.base32Decode(json(begun).path("secret").asString());
    HttpResponse<String> confirmed = post(s, "/v1/auth/totp/confirm",
        "{\"totp\":\"" + Totp.code(secret, Totp.counter(clock.instant()), 6) + "\"}", null);
    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
    List<String> codes = new ArrayList<>();
    json(confirmed).path("recoveryCodes").forEach(n -> codes.add(n.asString()));
    return new Enrolled(secret, codes);
  }

  /** A TOTP code for a time step not used yet: the next one (accepted within the ±1 step drift). */
  static String nextCode(byte[] secret) {
    clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
    return Totp.code(secret, Totp.counter(clock.instant()), 6);
  }

  // ---- production: an ADMIN needs a second factor ----------------------------------------------------

  @Test
  void anAdminWithoutASecondFactorCannotStepUpButCanEnrolOneWithThePassword() {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    NewSession s = fx.session(admin);
    for (String route : new String[] {"POST /v1/users", "POST /v1/seats/1/settle", REGENERATE}) {
      HttpResponse<String> r = stepUp(s, admin, route, null);
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(code(r)).as(route).isEqualTo(StepUpService.MFA_ENROLMENT_REQUIRED);
    }
    // a token for "any one request" would be a way around: refused as well
    HttpResponse<String> anyRoute = post(s, "/v1/auth/step-up", "{\"password\":" + SecurityFixture.quote(admin.password()) + "}", null);
    assertThat(code(anyRoute)).isEqualTo(StepUpService.MFA_ENROLMENT_REQUIRED);
    // decided before the password is looked at: no oracle for a session thief, nothing counted
    HttpResponse<String> wrongPassword = post(s, "/v1/auth/step-up",
        "{\"password\":\"not-it\",\"route\":\"POST /v1/users\"}", null);
    assertThat(code(wrongPassword)).isEqualTo(StepUpService.MFA_ENROLMENT_REQUIRED);
    assertThat(failures(admin)).isZero();

    clock.advance(Duration.ofMinutes(2));
    Enrolled e = enrolTotp(s, admin);
    assertThat(e.recoveryCodes()).hasSize(RecoveryCodes.COUNT).doesNotHaveDuplicates()
        .allMatch(c -> c.matches("([a-z2-9]{4}-){5}[a-z2-9]{4}"));
    // stored only as digests
    List<byte[]> stored = fx.db.jdbi().withHandle(h -> h.createQuery("SELECT code_digest FROM recovery_codes WHERE user_id = :u")
        .bind("u", admin.id()).mapTo(byte[].class).list());
    assertThat(stored).hasSize(RecoveryCodes.COUNT).allMatch(d -> d.length == 32);
    HttpResponse<String> ok = stepUp(s, admin, "POST /v1/users", field("totp", nextCode(e.secret())));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(json(ok).path("secondFactor").asString()).isEqualTo("TOTP");
    // OPERATORs and VIEWERs are not held to it (their step-ups sign nothing)
    SecurityFixture.TestUser operator = fx.user(Role.OPERATOR);
    assertThat(stepUp(fx.session(operator), operator, "POST /v1/seats/1/approve", null).statusCode()).isEqualTo(200);
  }

  @Test
  void aStolenSessionWithoutTheFactorGetsNothingAndAReplayedCodeIsRefused() {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    NewSession s = fx.session(admin);
    Enrolled e = enrolTotp(s, admin);
    // the thief has the session and even the password, not the authenticator
    assertThat(code(stepUp(s, admin, "POST /v1/users", null))).isEqualTo(StepUpService.FAILED);
    assertThat(code(stepUp(s, admin, "POST /v1/users", field("totp", "123456")))).isEqualTo(StepUpService.FAILED);
    // enrolling their own factor needs the existing one
    assertThat(code(stepUp(s, admin, ENROL_TOTP, null))).isEqualTo(StepUpService.FAILED);
    assertThat(code(stepUp(s, admin, ENROL_PASSKEY, null))).isEqualTo(StepUpService.FAILED);
    clock.advance(Duration.ofMinutes(2));
    // a code seen on the wire is spent, even within its 30-second window, and in another session
    String seen = nextCode(e.secret());
    assertThat(stepUp(s, admin, "POST /v1/users", field("totp", seen)).statusCode()).isEqualTo(200);
    assertThat(code(stepUp(s, admin, "POST /v1/users", field("totp", seen)))).isEqualTo(StepUpService.FAILED);
    NewSession other = fx.session(admin);
    assertThat(code(stepUp(other, admin, "POST /v1/users", field("totp", seen)))).isEqualTo(StepUpService.FAILED);
    // and an older step than the last one used is no good either
    String previous = Totp.code(e.secret(), Totp.counter(clock.instant()) - 1, 6);
    assertThat(code(stepUp(other, admin, "POST /v1/users", field("totp", previous)))).isEqualTo(StepUpService.FAILED);
  }

  @Test
  void guessingTheTotpCodeCountsTowardTheSameLockoutAsPasswords() {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    NewSession s = fx.session(admin);
    Enrolled e = enrolTotp(s, admin);
    int before = failures(admin);
    for (int i = 0; i < 4; i++) {
      String guess = String.format("%06d", i);
      if (guess.equals(Totp.code(e.secret(), Totp.counter(clock.instant()), 6))) {
        continue;
      }
      assertThat(code(stepUp(s, admin, "POST /v1/users", field("totp", guess)))).isEqualTo(StepUpService.FAILED);
    }
    assertThat(failures(admin)).isGreaterThan(before).isGreaterThanOrEqualTo(3);
    clock.advance(Duration.ofMinutes(2));
    // a wrong recovery code and a wrong passkey answer count the same way, up to the lock
    stepUp(s, admin, "POST /v1/users", field("recoveryCode", "aaaa-aaaa-aaaa-aaaa-aaaa-aaaa"));
    stepUp(s, admin, "POST /v1/users", field("totp", "999999"));
    assertThat(locked(admin)).isTrue();
    // locked: the right password and the right code are not even checked
    clock.advance(Duration.ofMinutes(2));
    assertThat(code(stepUp(s, admin, "POST /v1/users", field("totp", nextCode(e.secret())))))
        .isEqualTo(StepUpService.FAILED);
    assertThat(fx.login(admin.username(), admin.password()).statusCode()).isEqualTo(401);
  }

  @Test
  void offeringTwoFactorsAtOnceIsOneFailedAttempt() {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    NewSession s = fx.session(admin);
    Enrolled e = enrolTotp(s, admin);
    ObjectNode both = field("totp", nextCode(e.secret())).put("recoveryCode", e.recoveryCodes().get(0));
    assertThat(code(stepUp(s, admin, "POST /v1/users", both))).isEqualTo(StepUpService.FAILED);
  }

  // ---- recovery codes ----------------------------------------------------------------------------

  @Test
  void aRecoveryCodeStandsInForTheFactorOnceAndRegeneratingNeedsTheFactor() {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    NewSession s = fx.session(admin);
    Enrolled e = enrolTotp(s, admin);
    String code = e.recoveryCodes().get(3);
    HttpResponse<String> used = stepUp(s, admin, "POST /v1/users", field("recoveryCode", code.toUpperCase(java.util.Locale.ROOT)));
    assertThat(used.statusCode()).as(used.body()).isEqualTo(200);
    assertThat(json(used).path("secondFactor").asString()).isEqualTo("RECOVERY_CODE");
    assertThat(code(stepUp(s, admin, "POST /v1/users", field("recoveryCode", code)))).isEqualTo(StepUpService.FAILED);
    // another user's code is not this user's
    SecurityFixture.TestUser other = fx.user(Role.ADMIN);
    NewSession os = fx.session(other);
    enrolTotp(os, other);
    assertThat(code(stepUp(os, other, "POST /v1/users", field("recoveryCode", e.recoveryCodes().get(4)))))
        .isEqualTo(StepUpService.FAILED);
    // the step-up was audited with the factor it used
    String reason = fx.db.jdbi().withHandle(h -> h.createQuery("SELECT reason FROM audit_log WHERE actor = :a"
            + " AND action = 'auth.step_up' AND result = 'SUCCESS' ORDER BY id DESC LIMIT 1")
        .bind("a", admin.username()).mapTo(String.class).one());
    assertThat(reason).isEqualTo("second factor: RECOVERY_CODE");

    clock.advance(Duration.ofMinutes(2));
    // regenerating needs a step-up, which needs the factor
    assertThat(code(post(s, "/v1/auth/recovery-codes", "", null))).isEqualTo(StepUpService.REQUIRED);
    assertThat(code(stepUp(s, admin, REGENERATE, null))).isEqualTo(StepUpService.FAILED);
    HttpResponse<String> fresh = post(s, "/v1/auth/recovery-codes", "",
        token(stepUp(s, admin, REGENERATE, field("totp", nextCode(e.secret())))));
    assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);
    assertThat(json(fresh).path("recoveryCodes")).hasSize(RecoveryCodes.COUNT);
    // the old codes are gone
    assertThat(code(stepUp(s, admin, "POST /v1/users", field("recoveryCode", e.recoveryCodes().get(5)))))
        .isEqualTo(StepUpService.FAILED);
    HttpResponse<String> status = fx.getBearer("/v1/users/" + admin.id() + "/mfa", s.token());
    assertThat(json(status).path("recoveryCodesLeft").asInt()).isEqualTo(RecoveryCodes.COUNT);
    assertThat(json(status).path("totpEnabled").asBoolean()).isTrue();
  }

  @Test
  void viewersAndOperatorsCannotReadAnAdminsFactorsAndNobodyEnrolsForAnother() {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    for (Role role : new Role[] {Role.VIEWER, Role.OPERATOR}) {
      SecurityFixture.TestUser u = fx.user(role);
      NewSession s = fx.session(u);
      HttpResponse<String> r = fx.getBearer("/v1/users/" + admin.id() + "/mfa", s.token());
      assertThat(r.statusCode()).as(role.name()).isEqualTo(403);
      assertThat(fx.getBearer("/v1/users/" + u.id() + "/mfa", s.token()).statusCode()).isEqualTo(200);
    }
    // the enrolment routes take no user: a body naming another user is refused, and the enrolment is one's own
    SecurityFixture.TestUser viewer = fx.user(Role.VIEWER);
    NewSession vs = fx.session(viewer);
    HttpResponse<String> named = post(vs, "/v1/auth/totp/confirm",
        "{\"totp\":\"123456\",\"userId\":" + admin.id() + "}", null);
    assertThat(named.statusCode()).isEqualTo(400);
    HttpResponse<String> namedOptions = post(vs, "/v1/auth/passkeys/assertion/options", "{\"userId\":" + admin.id() + "}", null);
    assertThat(namedOptions.statusCode()).isEqualTo(400);
    assertThat(code(namedOptions)).isEqualTo("UNKNOWN_FIELD");
    String route = "POST /v1/auth/passkeys/registration/options";
    HttpResponse<String> options = post(vs, "/v1/auth/passkeys/registration/options", "",
        token(stepUp(vs, viewer, route, null)));
    assertThat(options.statusCode()).as(options.body()).isEqualTo(200);
    assertThat(json(options).path("publicKey").path("user").path("name").asString()).isEqualTo(viewer.username());
    // the ADMIN's session cannot finish (and so cannot hijack) the viewer's registration
    NewSession as = fx.session(admin);
    SoftPasskey key = new SoftPasskey();
    ObjectNode finish = SecurityFixture.JSON.createObjectNode().put("challengeId", json(options).path("challengeId").asString());
    finish.set("credential", key.register(json(options).path("publicKey"), ORIGIN, RP_ID));
    HttpResponse<String> hijack = post(as, "/v1/auth/passkeys/registration", SecurityFixture.JSON.writeValueAsString(finish), null);
    assertThat(code(hijack)).isEqualTo(PasskeyService.CHALLENGE_INVALID);
    assertThat(count("webauthn_credentials", admin) + count("webauthn_credentials", viewer)).isZero();
  }

  static int count(String table, SecurityFixture.TestUser u) {
    return fx.db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table + " WHERE user_id = :u")
        .bind("u", u.id()).mapTo(Integer.class).one());
  }

  // ---- passkeys ----------------------------------------------------------------------------------

  /** Registers {@code key} for the user, stepping up with {@code factor} (null for a first factor). */
  static HttpResponse<String> register(NewSession s, SecurityFixture.TestUser u, SoftPasskey key, ObjectNode factor,
      String origin, String rpId) {
    HttpResponse<String> options = post(s, "/v1/auth/passkeys/registration/options", "",
        token(stepUp(s, u, ENROL_PASSKEY, factor)));
    assertThat(options.statusCode()).as(options.body()).isEqualTo(200);
    JsonNode publicKey = json(options).path("publicKey");
    assertThat(publicKey.path("rp").path("id").asString()).isEqualTo(RP_ID);
    ObjectNode finish = SecurityFixture.JSON.createObjectNode().put("challengeId", json(options).path("challengeId").asString())
        .put("label", "laptop");
    finish.set("credential", key.register(publicKey, origin, rpId));
    return post(s, "/v1/auth/passkeys/registration", SecurityFixture.JSON.writeValueAsString(finish), null);
  }

  /** Assertion options, then the authenticator's answer, as the {@code passkey} field of a step-up. */
  static ObjectNode passkeyFactor(NewSession s, SoftPasskey key, String origin, String rpId, long counterStep) {
    HttpResponse<String> options = post(s, "/v1/auth/passkeys/assertion/options", "", null);
    assertThat(options.statusCode()).as(options.body()).isEqualTo(200);
    ObjectNode passkey = SecurityFixture.JSON.createObjectNode().put("challengeId", json(options).path("challengeId").asString());
    passkey.set("credential", key.assert_(json(options).path("publicKey"), origin, rpId, counterStep));
    ObjectNode factor = SecurityFixture.JSON.createObjectNode();
    factor.set("passkey", passkey);
    return factor;
  }

  @Test
  void aPasskeyPassesStepUpOnceAndRefusesReplayOriginRpIdCounterAndForeignChallenges() {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    NewSession s = fx.session(admin);
    SoftPasskey key = new SoftPasskey();
    key.counter = 5;
    HttpResponse<String> registered = register(s, admin, key, null, ORIGIN, RP_ID);
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
    assertThat(json(registered).path("recoveryCodes")).hasSize(RecoveryCodes.COUNT);

    // in another session of the same user: the passkey passes step-up
    clock.advance(Duration.ofMinutes(2));
    NewSession later = fx.session(admin);
    ObjectNode good = passkeyFactor(later, key, ORIGIN, RP_ID, 1);
    HttpResponse<String> ok = stepUp(later, admin, "POST /v1/users", good);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(json(ok).path("secondFactor").asString()).isEqualTo("PASSKEY");
    // the same assertion again: its challenge is spent
    assertThat(code(stepUp(later, admin, "POST /v1/users", good))).isEqualTo(StepUpService.FAILED);
    // signed for another origin, or another relying party
    assertThat(code(stepUp(later, admin, "POST /v1/users", passkeyFactor(later, key, "https://evil.example.test", RP_ID, 1))))
        .isEqualTo(StepUpService.FAILED);
    assertThat(code(stepUp(later, admin, "POST /v1/users", passkeyFactor(later, key, ORIGIN, "example.test", 1))))
        .isEqualTo(StepUpService.FAILED);
    clock.advance(Duration.ofMinutes(2));
    // a counter that goes backwards (a cloned authenticator)
    assertThat(code(stepUp(later, admin, "POST /v1/users", passkeyFactor(later, key, ORIGIN, RP_ID, -3))))
        .isEqualTo(StepUpService.FAILED);
    // each of those failures counted toward the password lockout; a good assertion clears the count
    assertThat(failures(admin)).isEqualTo(4);
    assertThat(stepUp(later, admin, "POST /v1/users", passkeyFactor(later, key, ORIGIN, RP_ID, 10)).statusCode())
        .isEqualTo(200);
    assertThat(failures(admin)).isZero();
    clock.advance(Duration.ofMinutes(2));
    // a counter that stands still
    long stored = fx.db.jdbi().withHandle(h -> h.createQuery("SELECT signature_count FROM webauthn_credentials WHERE user_id = :u")
        .bind("u", admin.id()).mapTo(Long.class).one());
    assertThat(stored).isEqualTo(key.counter);
    assertThat(code(stepUp(later, admin, "POST /v1/users", passkeyFactor(later, key, ORIGIN, RP_ID, 0))))
        .isEqualTo(StepUpService.FAILED);
    // another session's challenge, answered correctly, spent in this session
    ObjectNode foreign = passkeyFactor(s, key, ORIGIN, RP_ID, 10);
    assertThat(code(stepUp(later, admin, "POST /v1/users", foreign))).isEqualTo(StepUpService.FAILED);
    assertThat(failures(admin)).isEqualTo(2);
  }

  @Test
  void aPasskeyFromAnotherOriginOrRpIdIsNotRegisteredAndASecondFactorNeedsTheFirst() {
    SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
    NewSession s = fx.session(admin);
    HttpResponse<String> wrongOrigin = register(s, admin, new SoftPasskey(), null, "https://evil.example.test", RP_ID);
    assertThat(code(wrongOrigin)).isEqualTo(PasskeyService.REGISTRATION_FAILED);
    HttpResponse<String> wrongRp = register(s, admin, new SoftPasskey(), null, ORIGIN, "evil.example.test");
    assertThat(code(wrongRp)).isEqualTo(PasskeyService.REGISTRATION_FAILED);
    assertThat(count("webauthn_credentials", admin)).isZero();
    clock.advance(Duration.ofMinutes(2));
    SoftPasskey first = new SoftPasskey();
    assertThat(register(s, admin, first, null, ORIGIN, RP_ID).statusCode()).isEqualTo(200);
    // a second passkey: the step-up for it needs the first one; then no new recovery codes are shown
    assertThat(code(stepUp(s, admin, ENROL_PASSKEY, null))).isEqualTo(StepUpService.FAILED);
    clock.advance(Duration.ofMinutes(2));
    HttpResponse<String> second = register(s, admin, new SoftPasskey(), passkeyFactor(s, first, ORIGIN, RP_ID, 1), ORIGIN, RP_ID);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    assertThat(json(second).path("recoveryCodes")).isEmpty();
    assertThat(count("webauthn_credentials", admin)).isEqualTo(2);
  }
}
