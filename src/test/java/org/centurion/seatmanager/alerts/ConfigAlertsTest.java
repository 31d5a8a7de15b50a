package org.centurion.seatmanager.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.config.Environment;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/** The configuration-derived alerts, from configurations parsed by the real loader. */
class ConfigAlertsTest {
  private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");
  private final ConfigAlerts rules = new ConfigAlerts(Duration.ofDays(14));

  private static Config config(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("SESSION_HMAC_SECRET", TestSecrets.hex32());
    env.put("STEP_UP_HMAC_SECRET", TestSecrets.hex32());
    env.put("SEAT_MANAGER_ENV", "development");
    env.put("DATABASE_URL", "postgres://u@127.0.0.1:5432/db");
    env.putAll(extra);
    return ConfigLoader.load(new Environment(env), "127.0.0.1", 0);
  }

  private List<AlertKind> kinds(Map<String, String> env, Instant now) {
    return rules.evaluate(config(env), now).stream().map(AlertSignal::kind).toList();
  }

  @Test
  void aSafeConfigurationRaisesNothing() {
    assertThat(kinds(Map.of(), NOW)).isEmpty();
  }

  @Test
  void staticTokenIsFlaggedAndSoIsItsSunsetWhenNearOrPast() {
    String token = TestSecrets.hex32();
    Map<String, String> far = Map.of("SEAT_MANAGER_STATIC_ADMIN_TOKEN", token,
        "SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET", "2026-08-01T00:00:00Z");
    assertThat(kinds(far, NOW)).containsExactly(AlertKind.STATIC_ADMIN_TOKEN_CONFIGURED);
    assertThat(kinds(far, Instant.parse("2026-07-20T00:00:00Z")))
        .containsExactly(AlertKind.STATIC_ADMIN_TOKEN_CONFIGURED, AlertKind.STATIC_ADMIN_TOKEN_NEAR_SUNSET);
    assertThat(kinds(far, Instant.parse("2026-09-01T00:00:00Z")))
        .containsExactly(AlertKind.STATIC_ADMIN_TOKEN_CONFIGURED, AlertKind.STATIC_ADMIN_TOKEN_NEAR_SUNSET);
    List<AlertSignal> signals = rules.evaluate(config(far), Instant.parse("2026-07-20T00:00:00Z"));
    assertThat(signals).allSatisfy(s -> assertThat(s.message()).doesNotContain(token));
  }

  @Test
  void signatureVerificationOffIsCritical() {
    List<AlertSignal> s = rules.evaluate(config(Map.of("SEAT_MANAGER_VERIFY_DEPOSIT_SIGNATURE", "false")), NOW);
    assertThat(s).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(AlertKind.SIGNATURE_VERIFICATION_OFF);
      assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
    });
  }

  private static Map<String, String> writes(String... kv) {
    Map<String, String> m = new HashMap<>(Map.of("SEAT_MANAGER_WRITES_ENABLED", "true",
        "SEAT_MANAGER_EL_RPC_URLS", "a=http://127.0.0.1:1",
        "SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS", "0x" + "01".repeat(20),
        "SEAT_MANAGER_VAULT_FACTORY_ADDRESS", "0x" + "02".repeat(20),
        "SEAT_MANAGER_ROUTER_ADDRESS", "0x" + "03".repeat(20),
        "SEAT_MANAGER_PRINCIPAL_DESTINATION", "0x" + "04".repeat(20)));
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void writesWithALocalKeyAreFlaggedButNotWithKms() {
    String key = "0x" + "11".repeat(32);
    Config local = config(writes("SEAT_MANAGER_OWNER_PRIVATE_KEY", key));
    assertThat(local.writes().signerMode()).isEqualTo(Config.SignerMode.LOCAL_KEY);
    List<AlertSignal> s = rules.evaluate(local, NOW);
    assertThat(s).extracting(AlertSignal::kind).containsExactly(AlertKind.WRITES_WITHOUT_KMS_OR_ISOLATED_SIGNER);
    assertThat(s.get(0).message()).doesNotContain("11111111");
    Config kms = config(writes("SEAT_MANAGER_KMS_KEY_ID", "alias/treasury", "SEAT_MANAGER_KMS_REGION", "eu-west-1"));
    assertThat(rules.evaluate(kms, NOW)).isEmpty();
  }
}
