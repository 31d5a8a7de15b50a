package org.centurion.seatmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.config.Environment;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/** The security settings as the guard receives them. */
class SecurityConfigTest {
  static Map<String, String> base() {
    Map<String, String> env = new HashMap<>();
    env.put("SESSION_HMAC_SECRET", TestSecrets.hex32());
    env.put("STEP_UP_HMAC_SECRET", TestSecrets.hex32());
    env.put("DATABASE_URL", "postgres://u:p@127.0.0.1:5432/db");
    env.put("SEAT_MANAGER_ENV", "development");
    return env;
  }

  static Config.Security load(Map<String, String> env) {
    return ConfigLoader.load(new Environment(env), "127.0.0.1", 0).security();
  }

  @Test
  void defaults() {
    Config.Security s = load(base());
    assertThat(s.loginAttemptsPerIpPerMinute()).isEqualTo(30);
    assertThat(s.loginAttemptsPerUserPerMinute()).isEqualTo(10);
    assertThat(s.lockoutThreshold()).isEqualTo(5);
    assertThat(s.lockoutDuration()).hasMinutes(15);
    assertThat(s.sessionIdleTimeout()).hasMinutes(30);
    assertThat(s.sessionAbsoluteTimeout()).hasHours(12);
    assertThat(s.staticAdminToken()).isEmpty();
  }

  @Test
  void loginLimitsAreConfigurableAndValidated() {
    Map<String, String> env = base();
    env.put(ConfigLoader.LOGIN_PER_IP_PER_MINUTE, "120");
    env.put(ConfigLoader.LOGIN_PER_USER_PER_MINUTE, "3");
    assertThat(load(env).loginAttemptsPerIpPerMinute()).isEqualTo(120);
    assertThat(load(env).loginAttemptsPerUserPerMinute()).isEqualTo(3);
    env.put(ConfigLoader.LOGIN_PER_USER_PER_MINUTE, "0");
    assertThatThrownBy(() -> load(env)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(ConfigLoader.LOGIN_PER_USER_PER_MINUTE);
  }

  @Test
  void theLegacyTokenNameWorksWithAWarningAndWeakTokensAreRefused() {
    Map<String, String> env = base();
    String token = TestSecrets.hex32();
    env.put(ConfigLoader.LEGACY_ADMIN_TOKEN, token);
    Config c = ConfigLoader.load(new Environment(env), "127.0.0.1", 0);
    assertThat(c.security().staticAdminToken()).isPresent();
    assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains("ADMIN_TOKEN is deprecated"));
    assertThat(c.toString()).doesNotContain(token);
    env.put(ConfigLoader.LEGACY_ADMIN_TOKEN, "short-token");
    assertThatThrownBy(() -> load(env)).isInstanceOf(ConfigException.class).hasMessageNotContaining("short-token");
  }
}
