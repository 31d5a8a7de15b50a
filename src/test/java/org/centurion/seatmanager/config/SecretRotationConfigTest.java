package org.centurion.seatmanager.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the staker keys' own secret (required in production) and the rotation variables: a previous
 * secret needs an end to its grace, a short one, and must itself be a good secret that is not in use.
 */
class SecretRotationConfigTest {
  private final String session = TestSecrets.hex32();
  private final String stepUp = TestSecrets.hex32();
  private final String stakerKey = TestSecrets.hex32();

  private Map<String, String> production() {
    Map<String, String> m = new HashMap<>();
    m.put(ConfigLoader.SESSION_HMAC_SECRET, session);
    m.put(ConfigLoader.STEP_UP_HMAC_SECRET, stepUp);
    m.put(ConfigLoader.STAKER_KEY_HMAC_SECRET, stakerKey);
    m.put(ConfigLoader.AUDIT_CHAIN_KEY, org.centurion.seatmanager.testing.TestSecrets.hex32()); // production requires it (issue 14)
    m.put(ConfigLoader.MFA_KEY, TestSecrets.hex32());
    m.put(ConfigLoader.DATABASE_URL, "postgres://sm:pw@127.0.0.1:5432/seats");
    return m;
  }

  private static Config load(Map<String, String> env) {
    return ConfigLoader.load(new Environment(env), "127.0.0.1", 8080);
  }

  private static ConfigException refused(Map<String, String> env) {
    try {
      load(env);
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("the configuration was accepted");
  }

  private static String in(Duration d) {
    return Instant.now().plus(d).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  @Test
  void productionRequiresTheStakerKeySecretAndItMustDifferFromTheOthers() {
    Map<String, String> env = production();
    env.remove(ConfigLoader.STAKER_KEY_HMAC_SECRET);
    assertThat(refused(env).getMessage()).contains(ConfigLoader.STAKER_KEY_HMAC_SECRET, "required in production");
    env.put(ConfigLoader.STAKER_KEY_HMAC_SECRET, session);
    assertThat(refused(env).getMessage()).contains(ConfigLoader.STAKER_KEY_HMAC_SECRET, "must differ")
        .doesNotContain(session);
    env.put(ConfigLoader.STAKER_KEY_HMAC_SECRET, "ab".repeat(32));
    assertThat(refused(env).getMessage()).contains(ConfigLoader.STAKER_KEY_HMAC_SECRET, "entropy");
    Config ok = load(production());
    assertThat(ok.secrets().stakerKeyHmac()).isEqualTo(Secret.ofHex(stakerKey));
    assertThat(ok.secrets().toString()).doesNotContain(stakerKey);
  }

  @Test
  void developmentDerivesAStakerKeySecretWhenUnsetAndSaysSo() {
    Map<String, String> env = production();
    env.remove(ConfigLoader.STAKER_KEY_HMAC_SECRET);
    env.put(ConfigLoader.ENV, "development");
    Config c = load(env);
    assertThat(c.secrets().stakerKeyHmac()).isEqualTo(SecretRules.derivedStakerKeySecret(Secret.ofHex(session)))
        .isNotEqualTo(Secret.ofHex(session));
    assertThat(c.warnings()).anyMatch(w -> w.contains(ConfigLoader.STAKER_KEY_HMAC_SECRET));
  }

  @Test
  void aPreviousSecretWithinItsGraceIsAccepted() {
    Map<String, String> env = production();
    String previous = TestSecrets.hex32();
    String until = in(Duration.ofDays(2));
    env.put(ConfigLoader.SESSION_HMAC_SECRET_PREVIOUS, previous);
    env.put(ConfigLoader.previousUntil(ConfigLoader.SESSION_HMAC_SECRET_PREVIOUS), until);
    Config c = load(env);
    assertThat(c.secrets().sessionHmacPrevious()).hasValueSatisfying(r -> {
      assertThat(r.previous()).isEqualTo(Secret.ofHex(previous));
      assertThat(r.until()).isEqualTo(Instant.parse(until));
    });
    assertThat(c.secrets().stepUpHmacPrevious()).isEmpty();
    assertThat(c.warnings()).anyMatch(w -> w.contains(ConfigLoader.SESSION_HMAC_SECRET_PREVIOUS + " is accepted until"));
    assertThat(String.join("\n", c.warnings()) + c.secrets()).doesNotContain(previous);
  }

  @Test
  void aPreviousSecretNeedsAShortGraceEnd() {
    String name = ConfigLoader.STEP_UP_HMAC_SECRET_PREVIOUS;
    Map<String, String> env = production();
    env.put(name, TestSecrets.hex32());
    assertThat(refused(env).getMessage()).contains(ConfigLoader.previousUntil(name) + " is required");
    env.put(ConfigLoader.previousUntil(name), in(Duration.ofDays(8)));
    assertThat(refused(env).getMessage()).contains("at most 7 days ahead");
    env.put(ConfigLoader.previousUntil(name), "next tuesday");
    assertThat(refused(env).getMessage()).contains("not an ISO-8601");
    // the staker keys' lookup hash may stay longer: 90 days
    Map<String, String> staker = production();
    staker.put(ConfigLoader.STAKER_KEY_HMAC_SECRET_PREVIOUS, TestSecrets.hex32());
    staker.put(ConfigLoader.previousUntil(ConfigLoader.STAKER_KEY_HMAC_SECRET_PREVIOUS), in(Duration.ofDays(60)));
    assertThat(load(staker).secrets().stakerKeyHmacPrevious()).isPresent();
    staker.put(ConfigLoader.previousUntil(ConfigLoader.STAKER_KEY_HMAC_SECRET_PREVIOUS), in(Duration.ofDays(91)));
    assertThat(refused(staker).getMessage()).contains("at most 90 days ahead");
  }

  @Test
  void anEndedGraceIsIgnoredWithAWarning() {
    Map<String, String> env = production();
    env.put(ConfigLoader.SESSION_HMAC_SECRET_PREVIOUS, TestSecrets.hex32());
    env.put(ConfigLoader.previousUntil(ConfigLoader.SESSION_HMAC_SECRET_PREVIOUS), in(Duration.ofMinutes(-1)));
    Config c = load(env);
    assertThat(c.secrets().sessionHmacPrevious()).isEmpty();
    assertThat(c.warnings()).anyMatch(w -> w.contains("no longer accepted"));
  }

  @Test
  void aPublishedWeakOrInUseValueIsNeverAcceptedAsThePreviousSecret() {
    String name = ConfigLoader.SESSION_HMAC_SECRET_PREVIOUS;
    Map<String, String> env = production();
    env.put(ConfigLoader.previousUntil(name), in(Duration.ofDays(1)));
    env.put(name, "0123456789abcdef".repeat(4));
    assertThat(refused(env).getMessage()).contains(name, "entropy");
    env.put(name, session);
    assertThat(refused(env).getMessage()).contains(name, "not one in use now").doesNotContain(session);
    env.put(name, stepUp);
    assertThatThrownBy(() -> load(env)).isInstanceOf(ConfigException.class);
    env.put(name, stakerKey);
    assertThatThrownBy(() -> load(env)).isInstanceOf(ConfigException.class);
  }
}
