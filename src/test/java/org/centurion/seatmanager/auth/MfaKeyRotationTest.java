package org.centurion.seatmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.centurion.seatmanager.auth.SecurityFixture.code;
import static org.centurion.seatmanager.auth.SecurityFixture.json;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.centurion.seatmanager.testing.TestApi;
import org.centurion.seatmanager.testing.TestDatabases;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: rotating {@code STEP_UP_HMAC_SECRET} (the runbook's rotation) does not lock a TOTP user out,
 * because TOTP secrets are sealed under {@code SEAT_MANAGER_MFA_KEY}; a secret sealed the old way (under
 * the step-up secret) is re-sealed on its next use once the key is set; and the MFA key itself rotates
 * with {@code SEAT_MANAGER_MFA_KEY_PREVIOUS}. Each step is a restart of the API over the same database.
 */
class MfaKeyRotationTest {
  final TestClock clock = TestClock.now();
  final String db = migrated();
  final String session = TestSecrets.hex32();

  private static String migrated() {
    // migrated by the owner, used by the runtime role, as production requires (issue 14)
    return TestDatabases.asPostgresUrl(TestDatabases.freshMigrated());
  }

  /** Production requires the staker keys' own hash key too (issue 13, secrets). */
  private static final String STAKER_KEY_SECRET = TestSecrets.hex32();
  private static final String AUDIT_CHAIN_KEY = TestSecrets.hex32();

  private TestApi api(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("DATABASE_URL", db);
    env.put("SESSION_HMAC_SECRET", session);
    return TestApi.startOnExisting(env, clock);
  }

  private static Map<String, String> production(String stepUp, String mfaKey) {
    return Map.of("SEAT_MANAGER_ENV", "production", "SEAT_MANAGER_SECURE_COOKIES", "true",
        "SEAT_MANAGER_STAKER_KEY_HMAC_SECRET", STAKER_KEY_SECRET,
        "STEP_UP_HMAC_SECRET", stepUp, "SEAT_MANAGER_MFA_KEY", mfaKey,
        "SEAT_MANAGER_AUDIT_CHAIN_KEY", AUDIT_CHAIN_KEY);
  }

  private byte[] enrol(TestApi api, SecurityFixture fx, SecurityFixture.TestUser u, NewSession s) {
    HttpResponse<String> su = fx.postBearer("/v1/auth/step-up", s.token(),
        "{\"password\":" + SecurityFixture.quote(u.password()) + ",\"route\":\"POST /v1/auth/totp\"}");
    assertThat(su.statusCode()).as(su.body()).isEqualTo(200);
    HttpResponse<String> begun = api.send(fx.bearer("/v1/auth/totp", s.token())
        .header(StepUpService.HEADER, json(su).path("stepUpToken").asString()).POST(HttpRequest.BodyPublishers.noBody()).build());
    byte[] secret = SecurityFixture.base32Decode(json(begun).path("secret").asString());
    HttpResponse<String> ok = fx.postBearer("/v1/auth/totp/confirm", s.token(),
        "{\"totp\":\"" + Totp.code(secret, Totp.counter(clock.instant()), 6) + "\"}");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    return secret;
  }

  /** A step-up with the next TOTP code, in a fresh session of the API as it now runs. */
  private HttpResponse<String> stepUp(TestApi api, SecurityFixture.TestUser u, byte[] secret) {
    clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
    try (SecurityFixture fx = new SecurityFixture(api, clock)) {
      NewSession s = fx.session(u);
      return fx.postBearer("/v1/auth/step-up", s.token(), "{\"password\":" + SecurityFixture.quote(u.password())
          + ",\"totp\":\"" + Totp.code(secret, Totp.counter(clock.instant()), 6) + "\",\"route\":\"POST /v1/users\"}");
    }
  }

  private byte sealFormat(SecurityFixture fx, SecurityFixture.TestUser u) {
    return fx.db.jdbi().withHandle(h -> h.createQuery("SELECT totp_secret FROM users WHERE id = :id")
        .bind("id", u.id()).mapTo(byte[].class).one())[0];
  }

  @Test
  void rotatingTheStepUpSecretKeepsTotpUsersAndTheMfaKeyRotatesWithItsPrevious() {
    String s1 = TestSecrets.hex32();
    String k1 = TestSecrets.hex32();
    SecurityFixture.TestUser admin;
    byte[] secret;
    try (TestApi a = api(production(s1, k1)); SecurityFixture fx = new SecurityFixture(a, clock)) {
      admin = fx.user(Role.ADMIN);
      secret = enrol(a, fx, admin, fx.session(admin));
    }
    // the runbook's rotation of STEP_UP_HMAC_SECRET
    String s2 = TestSecrets.hex32();
    try (TestApi a = api(production(s2, k1))) {
      HttpResponse<String> r = stepUp(a, admin, secret);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    // the MFA key's own rotation: the previous key still opens, and the secret is sealed again under the new one
    String k2 = TestSecrets.hex32();
    Map<String, String> rotating = new HashMap<>(production(s2, k2));
    rotating.put("SEAT_MANAGER_MFA_KEY_PREVIOUS", k1);
    try (TestApi a = api(rotating)) {
      assertThat(stepUp(a, admin, secret).statusCode()).isEqualTo(200);
    }
    try (TestApi a = api(production(s2, k2))) {
      assertThat(stepUp(a, admin, secret).statusCode()).isEqualTo(200);
    }
    // a key replaced without its previous cannot open the secret: refused, never a pass
    try (TestApi a = api(production(s2, TestSecrets.hex32()))) {
      HttpResponse<String> r = stepUp(a, admin, secret);
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(code(r)).isEqualTo(TotpSecretBox.UNREADABLE);
    }
  }

  @Test
  void aSecretSealedUnderTheStepUpSecretIsResealedUnderTheMfaKeyOnItsNextUse() {
    String s1 = TestSecrets.hex32();
    SecurityFixture.TestUser admin;
    byte[] secret;
    // development without SEAT_MANAGER_MFA_KEY seals the old way (format 1)
    try (TestApi a = api(Map.of("SEAT_MANAGER_ENV", "development", "STEP_UP_HMAC_SECRET", s1));
        SecurityFixture fx = new SecurityFixture(a, clock)) {
      admin = fx.user(Role.ADMIN);
      secret = enrol(a, fx, admin, fx.session(admin));
      assertThat(sealFormat(fx, admin)).isEqualTo((byte) 1);
    }
    String k = TestSecrets.hex32();
    try (TestApi a = api(production(s1, k)); SecurityFixture fx = new SecurityFixture(a, clock)) {
      assertThat(stepUp(a, admin, secret).statusCode()).isEqualTo(200);
      assertThat(sealFormat(fx, admin)).isEqualTo((byte) 2);
    }
    try (TestApi a = api(production(TestSecrets.hex32(), k))) {
      HttpResponse<String> r = stepUp(a, admin, secret);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
  }
}
