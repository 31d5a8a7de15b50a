package org.centurion.seatmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.Secret;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.testing.TestDatabases;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: each secret rotates without everyone signing in again. The previous value is accepted to
 * verify what it made until its grace ends (read from the clock on every request), never to make
 * anything new; what is used within the grace moves to the current secret and survives it. And the
 * attacker's side: a stolen old secret after the grace, a row pushed back to an older key, a staker key
 * surviving a session-secret rotation. Real PostgreSQL, the services the API runs.
 */
class SecretRotationTest {
  static final Duration IDLE = Duration.ofMinutes(30);
  static final Duration ABSOLUTE = Duration.ofHours(12);
  static final String ROUTE = "POST /v1/seats/7/settle";
  static Database db;
  /** One clock per test (JUnit makes an instance per test): each test moves its own time. */
  final TestClock clock = TestClock.now();
  static PasswordHasher hasher = new PasswordHasher();
  static UserService users;
  static User viewer;
  static User admin;
  static String adminPassword;

  @BeforeAll
  static void start() {
    db = Database.open(TestDatabases.fresh(), "secret-rotation-test", 4);
    new Migrations(db.dataSource()).migrate();
    users = new UserService(db.jdbi(), hasher, java.time.Clock.systemUTC());
    viewer = users.create(SecurityFixture.uniqueName("viewer"), Role.VIEWER, Optional.empty()).user();
    UserService.Created a = users.create(SecurityFixture.uniqueName("admin"), Role.ADMIN, Optional.empty());
    admin = a.user();
    adminPassword = a.generatedPassword().orElseThrow();
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  static Secret fresh() {
    return Secret.ofHex(TestSecrets.hex32());
  }

  /** {@code current}, with {@code previous} accepted for {@code grace} from now on the test clock. */
  HmacKeys rotated(Secret current, Secret previous, Duration grace) {
    return HmacKeys.of(current, Optional.of(new Config.Rotation(previous, clock.instant().plus(grace))), clock);
  }

  HmacKeys only(Secret s) {
    return HmacKeys.of(s, Optional.empty(), clock);
  }

  SessionService sessions(HmacKeys keys) {
    return new SessionService(db.jdbi(), keys, clock, IDLE, ABSOLUTE);
  }

  @Test
  void sessionsUsedWithinTheGraceSurviveItAndUnusedOnesEndWithIt() {
    Secret old = fresh();
    Secret now = fresh();
    SessionService before = sessions(only(old));
    NewSession used = before.create(viewer, "10.0.0.1");
    NewSession unused = before.create(viewer, "10.0.0.1");

    // a grace shorter than the idle timeout, so the sessions are still alive past it
    SessionService during = sessions(rotated(now, old, Duration.ofMinutes(20)));
    assertThat(during.resolve(used.token())).as("the old session still works in the grace").isPresent();
    // the session made during the grace is hashed under the new secret only
    NewSession made = during.create(viewer, "10.0.0.1");
    assertThat(before.resolve(made.token())).as("new sessions never use the old secret").isEmpty();

    clock.advance(Duration.ofMinutes(21));
    SessionService after = sessions(rotated(now, old, Duration.ofHours(-1)));
    assertThat(during.resolve(used.token())).as("re-hashed under the new secret when it was used").isPresent();
    assertThat(during.resolve(unused.token())).as("the same process stops accepting the old secret at the deadline")
        .isEmpty();
    assertThat(after.resolve(made.token())).isPresent();
    assertThat(sessions(only(now)).resolve(used.token())).as("the old secret is no longer needed").isPresent();
  }

  @Test
  void theOldCsrfTokenIsAcceptedUntilTheGraceEnds() {
    Secret old = fresh();
    Secret now = fresh();
    NewSession s = sessions(only(old)).create(viewer, "10.0.0.1");
    String oldCsrf = s.csrfToken();
    SessionService during = sessions(rotated(now, old, Duration.ofMinutes(10)));
    assertThat(during.csrfMatches(s.token(), oldCsrf)).isTrue();
    assertThat(during.csrfMatches(s.token(), during.csrfToken(s.token()))).isTrue();
    assertThat(during.csrfToken(s.token())).as("a page rendered now gets the new one").isNotEqualTo(oldCsrf);
    clock.advance(Duration.ofMinutes(11));
    assertThat(during.csrfMatches(s.token(), oldCsrf)).isFalse();
    assertThat(during.csrfMatches(s.token(), during.csrfToken(s.token()))).isTrue();
  }

  @Test
  void aStepUpTokenOfTheOldSecretIsAdmittedInTheGraceAndAForgedOneIsRefusedAfterIt() {
    Secret old = fresh();
    Secret now = fresh();
    LoginLimits limits = new LoginLimits(1000, 1000, 1000, 1000);
    StepUpService before = new StepUpService(users, hasher, only(old), clock, limits);
    StepUpService during = new StepUpService(users, hasher, rotated(now, old, Duration.ofMinutes(30)), clock, limits);
    String issuedBefore = before.issue(51, admin.id(), adminPassword, null, ROUTE).stepUpToken();
    assertThat(during.admit(issuedBefore, 51, admin.id(), ROUTE)).isEqualTo(StepUpService.Verdict.ADMITTED);
    assertThat(during.admit(issuedBefore, 51, admin.id(), ROUTE)).as("still single-use")
        .isEqualTo(StepUpService.Verdict.REPLAYED);
    String issuedDuring = during.issue(51, admin.id(), adminPassword, null, ROUTE).stepUpToken();
    assertThat(before.isValid(issuedDuring, 51, admin.id(), ROUTE)).as("signed with the new secret only").isFalse();

    // the attacker holds the old secret (a leaked .env): in the grace a forgery verifies, as the old
    // secret's own tokens do; the grace is what bounds that, so after it the forgery is worthless
    String forged = forge(old, 51, admin.id(), ROUTE, "a".repeat(32));
    assertThat(during.isValid(forged, 51, admin.id(), ROUTE)).isTrue();
    clock.advance(Duration.ofMinutes(31));
    String forgedLater = forge(old, 51, admin.id(), ROUTE, "b".repeat(32));
    assertThat(during.admit(forgedLater, 51, admin.id(), ROUTE)).isEqualTo(StepUpService.Verdict.MISSING_OR_INVALID);
    String issuedAfter = during.issue(51, admin.id(), adminPassword, null, ROUTE).stepUpToken();
    assertThat(during.admit(issuedAfter, 51, admin.id(), ROUTE)).isEqualTo(StepUpService.Verdict.ADMITTED);
  }

  /** A step-up token as an attacker with the secret would make it (the format is no secret). */
  String forge(Secret secret, long sessionId, long userId, String route, String id) {
    String payload = sessionId + ":" + userId + ":" + clock.instant().plus(Duration.ofMinutes(4)).toEpochMilli()
        + ":" + id + ":" + route;
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return "su2." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(new Hmac(secret).sign("step-up-v2", payload));
  }

  StakerKeyService stakerKeys(HmacKeys own, HmacKeys session) {
    return new StakerKeyService(db.jdbi(), own, session, clock);
  }

  static final String ADDRESS = "0x" + "ab".repeat(20);

  @Test
  void rotatingTheSessionSecretNoLongerRevokesStakerKeys() {
    Secret own = fresh();
    StakerKeyService service = stakerKeys(only(own), only(fresh()));
    StakerKeyService.Created k = service.create(ADDRESS, "dashboard", Optional.empty(), "test");
    // the runbook's rotation, no grace at all: a brand-new session secret
    StakerKeyService afterSessionRotation = stakerKeys(only(own), only(fresh()));
    assertThat(afterSessionRotation.resolve(k.secret())).map(StakerKey::id).contains(k.key().id());
    assertThat(keyIdOf(k.key().id())).isEqualTo(new Hmac(own).keyId());
  }

  @Test
  void aKeyFromBeforeV80IsFoundUnderTheSessionSecretAndMovesToItsOwnKeyOnFirstUse() {
    Secret session = fresh();
    Secret own = fresh();
    String secret = Tokens.newStakerKey();
    long id = insertLegacyRow(session, secret);
    StakerKeyService service = stakerKeys(only(own), only(session));
    assertThat(service.resolve(secret)).map(StakerKey::id).contains(id);
    assertThat(keyIdOf(id)).as("re-hashed under the staker-key secret").isEqualTo(new Hmac(own).keyId());
    // migrated: the session secret can now rotate freely, the key stays
    assertThat(stakerKeys(only(own), only(fresh())).resolve(secret)).map(StakerKey::id).contains(id);
  }

  @Test
  void aLegacyKeyFollowsTheSessionSecretsGraceAndNotBeyond() {
    Secret oldSession = fresh();
    Secret newSession = fresh();
    Secret own = fresh();
    String usedInGrace = Tokens.newStakerKey();
    String neverUsed = Tokens.newStakerKey();
    long usedId = insertLegacyRow(oldSession, usedInGrace);
    insertLegacyRow(oldSession, neverUsed);
    StakerKeyService service = stakerKeys(only(own), rotated(newSession, oldSession, Duration.ofHours(2)));
    assertThat(service.resolve(usedInGrace)).map(StakerKey::id).contains(usedId);
    clock.advance(Duration.ofHours(2).plusSeconds(1));
    assertThat(service.resolve(usedInGrace)).map(StakerKey::id).contains(usedId);
    assertThat(service.resolve(neverUsed)).as("hashed under a session secret no longer accepted").isEmpty();
  }

  @Test
  void rotatingTheStakerKeySecretKeepsKeysUsedInTheGrace() {
    Secret oldOwn = fresh();
    Secret newOwn = fresh();
    HmacKeys session = only(fresh());
    StakerKeyService before = stakerKeys(only(oldOwn), session);
    StakerKeyService.Created used = before.create(ADDRESS, "used", Optional.empty(), "test");
    StakerKeyService.Created unused = before.create(ADDRESS, "unused", Optional.empty(), "test");
    StakerKeyService during = stakerKeys(rotated(newOwn, oldOwn, Duration.ofDays(30)), session);
    assertThat(during.resolve(used.secret())).isPresent();
    assertThat(keyIdOf(used.key().id())).isEqualTo(new Hmac(newOwn).keyId());
    StakerKeyService.Created made = during.create(ADDRESS, "new", Optional.empty(), "test");
    assertThat(before.resolve(made.secret())).as("new keys are hashed under the new secret only").isEmpty();
    clock.advance(Duration.ofDays(30).plusSeconds(1));
    assertThat(during.resolve(used.secret())).isPresent();
    assertThat(during.resolve(unused.secret())).isEmpty();
    assertThat(keyIdOf(unused.key().id())).as("nothing re-hashes a key it did not see").isEqualTo(new Hmac(oldOwn).keyId());
  }

  @Test
  void aRowPushedBackToAnOlderKeyIsNotFoundAndNothingIsReHashedBackwards() {
    Secret session = fresh();
    Secret oldOwn = fresh();
    Secret own = fresh();
    StakerKeyService service = stakerKeys(rotated(own, oldOwn, Duration.ofDays(1)), only(session));
    StakerKeyService.Created k = service.create(ADDRESS, "k", Optional.empty(), "test");
    byte[] current = keyHmacOf(k.key().id());

    // a database writer marks the row as a pre-V80 one (the weakest verifier there is): it stops working
    setKeyId(k.key().id(), null);
    assertThat(service.resolve(k.secret())).isEmpty();
    // or as hashed by the previous staker-key secret, with the current hash kept: not found either, since a
    // row is found only under the very key it names
    setKeyId(k.key().id(), new Hmac(oldOwn).keyId());
    assertThat(service.resolve(k.secret())).isEmpty();
    setKeyId(k.key().id(), new Hmac(own).keyId());
    assertThat(service.resolve(k.secret())).isPresent();
    assertThat(keyHmacOf(k.key().id())).as("a key under the current secret is left as it is").isEqualTo(current);

    // an old-key row within the grace is moved forward, never the other way
    String legacy = Tokens.newStakerKey();
    long legacyId = insertLegacyRow(session, legacy);
    assertThat(service.resolve(legacy)).isPresent();
    assertThat(keyIdOf(legacyId)).isEqualTo(new Hmac(own).keyId());
    assertThat(stakerKeys(only(oldOwn), only(session)).resolve(legacy))
        .as("a process still on the old secret cannot find it any more").isEmpty();
  }

  /** A row as the code before V80 wrote it: HMAC under the session secret, domain "staker-key", no key id. */
  static long insertLegacyRow(Secret session, String secret) {
    return db.jdbi().withHandle(h -> h.createQuery("INSERT INTO staker_keys (key_hmac, staker_address, label,"
            + " created_at, created_by) VALUES (:k, :a, 'legacy', now(), 'test') RETURNING id")
        .bind("k", new Hmac(session).sign("staker-key", secret)).bind("a", ADDRESS).mapTo(Long.class).one());
  }

  static String keyIdOf(long id) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT hmac_key_id FROM staker_keys WHERE id = :id")
        .bind("id", id).mapTo(String.class).one());
  }

  static byte[] keyHmacOf(long id) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT key_hmac FROM staker_keys WHERE id = :id")
        .bind("id", id).mapTo(byte[].class).one());
  }

  static void setKeyId(long id, String keyId) {
    db.jdbi().useHandle(h -> h.createUpdate("UPDATE staker_keys SET hmac_key_id = :kid WHERE id = :id")
        .bind("kid", keyId).bind("id", id).execute());
  }

  @Test
  void theGraceEndIsReadFromTheClockOnEveryCall() {
    Secret old = fresh();
    HmacKeys keys = rotated(fresh(), old, Duration.ofSeconds(5));
    assertThat(keys.accepted()).hasSize(2);
    clock.advance(Duration.ofSeconds(5));
    assertThat(keys.accepted()).as("the deadline itself is outside the grace").hasSize(1);
    assertThat(keys.toString()).doesNotContain(Instant.EPOCH.toString()).isEqualTo("HmacKeys[redacted]");
  }
}
