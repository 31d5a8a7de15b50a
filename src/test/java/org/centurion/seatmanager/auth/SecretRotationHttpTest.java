package org.centurion.seatmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.app.Application;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.config.Environment;
import org.centurion.seatmanager.testing.TestApi;
import org.centurion.seatmanager.testing.TestSecrets;
import org.centurion.seatmanager.web.auth.SecurityGuard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;

/**
 * The documented rotation, end to end (docs/security.md "Rotating a secret"): the API restarted with new
 * SESSION_HMAC_SECRET and SEAT_MANAGER_STAKER_KEY_HMAC_SECRET values and the old ones in
 * {@code SEAT_MANAGER_..._PREVIOUS} with an {@code _UNTIL}: sessions and staker keys in use carry on,
 * those not used in the grace end with it; and the runbook's plain session-secret rotation keeps staker keys.
 */
class SecretRotationHttpTest {
  static final String ADDRESS = Keys.toChecksumAddress("0x" + "cd".repeat(20));
  static TestClock clock = TestClock.now();
  static TestApi api;
  static SecurityFixture fx;

  @BeforeAll
  static void start() {
    api = TestApi.start(Map.of(ConfigLoader.STAKER_KEY_HMAC_SECRET, TestSecrets.hex32()), clock);
    fx = new SecurityFixture(api, clock);
  }

  @AfterAll
  static void stop() {
    fx.close();
    api.close();
  }

  static Application restartWith(Map<String, String> env) {
    return Application.start(ConfigLoader.load(new Environment(env), "127.0.0.1", 0), clock);
  }

  static HttpResponse<String> get(Application app, String path, String bearer, boolean staker) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
        .header("Authorization", "Bearer " + bearer);
    if (staker) {
      b.header(SecurityGuard.STAKER_ADDRESS_HEADER, ADDRESS);
    }
    return api.send(b.GET().build());
  }

  @Test
  void rotatingWithAGraceKeepsWhatIsUsedAndEndsTheRestAtTheDeadline() {
    SecurityFixture.TestUser u = fx.user(Role.VIEWER);
    String usedSession = fx.session(u).token();
    String idleSession = fx.session(u).token();
    String usedKey = fx.stakerKeys.create(ADDRESS, "used", Optional.empty(), "test").secret();
    String idleKey = fx.stakerKeys.create(ADDRESS, "idle", Optional.empty(), "test").secret();
    String me = "/v1/auth/me";
    String validators = "/v1/validators/" + ADDRESS;

    Map<String, String> rotated = new HashMap<>(api.env());
    String until = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS).toString();
    rotated.put(ConfigLoader.SESSION_HMAC_SECRET, TestSecrets.hex32());
    rotated.put(ConfigLoader.SESSION_HMAC_SECRET_PREVIOUS, api.env().get(ConfigLoader.SESSION_HMAC_SECRET));
    rotated.put(ConfigLoader.previousUntil(ConfigLoader.SESSION_HMAC_SECRET_PREVIOUS), until);
    rotated.put(ConfigLoader.STAKER_KEY_HMAC_SECRET, TestSecrets.hex32());
    rotated.put(ConfigLoader.STAKER_KEY_HMAC_SECRET_PREVIOUS, api.env().get(ConfigLoader.STAKER_KEY_HMAC_SECRET));
    rotated.put(ConfigLoader.previousUntil(ConfigLoader.STAKER_KEY_HMAC_SECRET_PREVIOUS), until);
    try (Application app = restartWith(rotated)) {
      assertThat(get(app, me, usedSession, false).statusCode()).as("no new login needed").isEqualTo(200);
      HttpResponse<String> read = get(app, validators, usedKey, true);
      assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
      clock.advance(Duration.ofMinutes(11));
      assertThat(get(app, me, usedSession, false).statusCode()).isEqualTo(200);
      assertThat(get(app, validators, usedKey, true).statusCode()).isEqualTo(200);
      assertThat(SecurityFixture.code(get(app, me, idleSession, false))).isEqualTo("SESSION_INVALID");
      assertThat(get(app, validators, idleKey, true).statusCode()).isEqualTo(401);
    }

    // later, the runbook's plain rotation of the session secret alone (no grace): staker keys stay
    Map<String, String> again = new HashMap<>(rotated);
    again.remove(ConfigLoader.SESSION_HMAC_SECRET_PREVIOUS);
    again.remove(ConfigLoader.previousUntil(ConfigLoader.SESSION_HMAC_SECRET_PREVIOUS));
    again.remove(ConfigLoader.STAKER_KEY_HMAC_SECRET_PREVIOUS);
    again.remove(ConfigLoader.previousUntil(ConfigLoader.STAKER_KEY_HMAC_SECRET_PREVIOUS));
    again.put(ConfigLoader.SESSION_HMAC_SECRET, TestSecrets.hex32());
    try (Application app = restartWith(again)) {
      assertThat(get(app, validators, usedKey, true).statusCode()).isEqualTo(200);
      assertThat(get(app, me, usedSession, false).statusCode()).as("without a grace the session ends").isEqualTo(401);
    }
  }
}
