package org.centurion.seatmanager.auth;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.centurion.seatmanager.audit.AuditLog;
import org.centurion.seatmanager.config.Secret;
import org.centurion.seatmanager.web.Json;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.testing.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test-side access to a running API's database with the API's own secrets: creates users,
 * sessions, step-up tokens and staker keys directly (cheaply), and speaks HTTP to the API.
 */
public final class SecurityFixture implements AutoCloseable {
  private static final AtomicInteger SEQ = new AtomicInteger();
  public static final JsonMapper JSON = Json.mapper();

  public final TestApi api;
  public final Database db;
  public final UserService users;
  public final SessionService sessions;
  public final StepUpService stepUp;
  public final StakerKeyService stakerKeys;
  public final AuditLog audit;

  public SecurityFixture(TestApi api, Clock clock) {
    this.api = api;
    this.db = Database.open(api.databaseUrl(), "test-fixture", 3);
    Hmac sessionHmac = new Hmac(Secret.ofHex(api.env().get("SESSION_HMAC_SECRET")));
    Hmac stepUpHmac = new Hmac(Secret.ofHex(api.env().get("STEP_UP_HMAC_SECRET")));
    PasswordHasher hasher = new PasswordHasher();
    this.users = new UserService(db.jdbi(), hasher, clock);
    this.sessions = new SessionService(db.jdbi(), sessionHmac, clock, java.time.Duration.ofMinutes(30),
        java.time.Duration.ofHours(12));
    this.stepUp = new StepUpService(users, hasher, stepUpHmac, clock, new LoginLimits(1000, 1000, 1000, 1000));
    String ownStakerKey = api.env().get(org.centurion.seatmanager.config.ConfigLoader.STAKER_KEY_HMAC_SECRET);
    Secret stakerKeySecret = ownStakerKey != null ? Secret.ofHex(ownStakerKey)
        : org.centurion.seatmanager.config.SecretRules.derivedStakerKeySecret(
            Secret.ofHex(api.env().get("SESSION_HMAC_SECRET")));
    this.stakerKeys = new StakerKeyService(db.jdbi(), HmacKeys.of(new Hmac(stakerKeySecret)), HmacKeys.of(sessionHmac),
        clock);
    this.audit = new AuditLog(db.jdbi(), clock);
  }

  /** A user with a permanent (already changed) password. */
  public record TestUser(long id, String username, String password, Role role) {}

  public static String uniqueName(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
  }

  public TestUser user(Role role) {
    return user(uniqueName(role.name().toLowerCase(java.util.Locale.ROOT)), role);
  }

  public TestUser user(String username, Role role) {
    UserService.Created c = users.create(username, role, Optional.empty());
    String permanent = "Perm-" + Tokens.random256();
    users.changeOwnPassword(c.user().id(), c.generatedPassword().orElseThrow(), permanent, -1);
    return new TestUser(c.user().id(), username, permanent, role);
  }

  /** A session made the way login makes one, without the Argon2 cost or the throttle. */
  public NewSession session(TestUser u) {
    return sessions.create(users.find(u.id()).orElseThrow(), "127.0.0.1");
  }

  /**
   * A step-up token for the one request {@code route} ("POST /v1/seats/42/settle"; a query string is
   * dropped, as the server binds the path only). Tokens are single-use: mint one per request.
   */
  public String stepUpToken(NewSession s, TestUser u, String route) {
    int q = route.indexOf('?');
    return stepUp.issue(s.sessionId(), u.id(), u.password(), null, q < 0 ? route : route.substring(0, q)).stepUpToken();
  }

  public HttpResponse<String> login(String username, String password) {
    return api.postJson("/v1/auth/login", "{\"username\":" + quote(username) + ",\"password\":" + quote(password) + "}");
  }

  public HttpRequest.Builder bearer(String path, String token) {
    return api.request(path).header("Authorization", "Bearer " + token);
  }

  public HttpResponse<String> getBearer(String path, String token) {
    return api.send(bearer(path, token).GET().build());
  }

  public HttpResponse<String> postBearer(String path, String token, String json) {
    return api.send(bearer(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public static JsonNode json(HttpResponse<String> r) {
    return JSON.readTree(r.body());
  }

  public static String code(HttpResponse<String> r) {
    JsonNode n = JSON.readTree(r.body());
    return n.path("error").path("code").asString();
  }

  public static String quote(String s) {
    return JSON.writeValueAsString(s);
  }

  @Override
  public void close() {
    db.close();
  }

  /** RFC 4648 base32 (no padding), as an authenticator app reads the enrolment secret. */
  public static byte[] base32Decode(String b32) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char ch : b32.toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(ch);
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
