package org.centurion.seatmanager.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/** Issue 13: the second-factor settings (SEAT_MANAGER_MFA_KEY, the WebAuthn relying party) and their guards. */
class MfaConfigTest {
  private final String mfaKey = TestSecrets.hex32();

  private Map<String, String> production() {
    Map<String, String> m = new HashMap<>();
    m.put("SESSION_HMAC_SECRET", TestSecrets.hex32());
    m.put("STEP_UP_HMAC_SECRET", TestSecrets.hex32());
    m.put("DATABASE_URL", "postgres://sm:pw@127.0.0.1:5432/seats");
    m.put("SEAT_MANAGER_MFA_KEY", mfaKey);
    m.put("SEAT_MANAGER_STAKER_KEY_HMAC_SECRET", TestSecrets.hex32()); // production requires it too (secrets)
    m.put("SEAT_MANAGER_AUDIT_CHAIN_KEY", TestSecrets.hex32()); // and the audit chain key (issue 14)
    return m;
  }

  private static Config load(Map<String, String> env) {
    return ConfigLoader.load(new Environment(env), "127.0.0.1", 8080);
  }

  private static String refusal(Map<String, String> env) {
    try {
      load(env);
    } catch (ConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("configuration was accepted");
  }

  @Test
  void productionRequiresTheMfaKeyRequiresAdminsToHaveAFactorAndNeverPrintsTheKey() {
    Config c = load(production());
    assertThat(c.mfa().requireForAdmins()).isTrue();
    assertThat(c.mfa().key()).isPresent();
    assertThat(c.mfa().webAuthn()).as("passkeys off without an origin").isEmpty();
    assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains("SEAT_MANAGER_WEBAUTHN_ORIGIN"));
    assertThat(c.toString()).doesNotContain(mfaKey);
    Map<String, String> without = production();
    without.remove("SEAT_MANAGER_MFA_KEY");
    assertThat(refusal(without)).contains("SEAT_MANAGER_MFA_KEY is required");
    Map<String, String> weak = production();
    weak.put("SEAT_MANAGER_MFA_KEY", "ab".repeat(32));
    assertThat(refusal(weak)).contains("SEAT_MANAGER_MFA_KEY").doesNotContain("ab".repeat(32));
    Map<String, String> reused = production();
    reused.put("SEAT_MANAGER_MFA_KEY", reused.get("STEP_UP_HMAC_SECRET"));
    assertThat(refusal(reused)).contains("SEAT_MANAGER_MFA_KEY must differ");
  }

  @Test
  void developmentNeedsNoKeyAndServesPasskeysOnLocalhost() {
    Map<String, String> dev = production();
    dev.remove("SEAT_MANAGER_MFA_KEY");
    dev.put("SEAT_MANAGER_ENV", "development");
    Config c = load(dev);
    assertThat(c.mfa().requireForAdmins()).isFalse();
    assertThat(c.mfa().key()).isEmpty();
    assertThat(c.mfa().webAuthn()).contains(new Config.WebAuthn("localhost", "http://localhost", true));
  }

  @Test
  void theRelyingPartyComesFromTheOriginAndMustMatchIt() {
    Map<String, String> env = production();
    env.put("SEAT_MANAGER_WEBAUTHN_ORIGIN", "https://Seats.Example.org:8443");
    assertThat(load(env).mfa().webAuthn())
        .contains(new Config.WebAuthn("seats.example.org", "https://seats.example.org:8443", false));
    env.put("SEAT_MANAGER_WEBAUTHN_RP_ID", "example.org");
    assertThat(load(env).mfa().webAuthn().orElseThrow().rpId()).isEqualTo("example.org");
    env.put("SEAT_MANAGER_WEBAUTHN_RP_ID", "evil.org");
    assertThat(refusal(env)).contains("SEAT_MANAGER_WEBAUTHN_RP_ID must be the host");
    env.put("SEAT_MANAGER_WEBAUTHN_RP_ID", "ample.org");
    assertThat(refusal(env)).contains("SEAT_MANAGER_WEBAUTHN_RP_ID must be the host");
    env.remove("SEAT_MANAGER_WEBAUTHN_RP_ID");
    for (String bad : new String[] {"http://seats.example.org", "https://seats.example.org/console", "seats.example.org",
        "https://user@seats.example.org"}) {
      env.put("SEAT_MANAGER_WEBAUTHN_ORIGIN", bad);
      assertThat(refusal(env)).as(bad).contains("SEAT_MANAGER_WEBAUTHN_ORIGIN must be an origin");
    }
    Map<String, String> rpAlone = production();
    rpAlone.put("SEAT_MANAGER_WEBAUTHN_RP_ID", "example.org");
    assertThatThrownBy(() -> load(rpAlone)).hasMessageContaining("SEAT_MANAGER_WEBAUTHN_RP_ID needs");
  }
}
