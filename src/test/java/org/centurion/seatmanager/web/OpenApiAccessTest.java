package org.centurion.seatmanager.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.centurion.seatmanager.auth.NewSession;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.testing.TestApi;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * In production {@code /openapi.json} (a map of every route an attacker could try) is served only to
 * signed-in users unless {@code SEAT_MANAGER_OPENAPI_PUBLIC=true}; development serves it to anyone.
 */
class OpenApiAccessTest {
  private static Map<String, String> production(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(Map.of("SEAT_MANAGER_ENV", "production", "SEAT_MANAGER_SECURE_COOKIES", "true",
        "SEAT_MANAGER_STAKER_KEY_HMAC_SECRET", TestSecrets.hex32(), "SEAT_MANAGER_MFA_KEY", TestSecrets.hex32(),
        "SEAT_MANAGER_AUDIT_CHAIN_KEY", TestSecrets.hex32()));
    env.putAll(more);
    return env;
  }

  @Test
  void productionServesTheDocumentToSignedInUsersOnly() {
    try (TestApi api = TestApi.start(production(Map.of()));
        SecurityFixture fx = new SecurityFixture(api, java.time.Clock.systemUTC())) {
      HttpResponse<String> anonymous = api.get("/openapi.json");
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).doesNotContain("/v1/seats");
      NewSession viewer = fx.session(fx.user(Role.VIEWER));
      HttpResponse<String> signedIn = fx.getBearer("/openapi.json", viewer.token());
      assertThat(signedIn.statusCode()).isEqualTo(200);
      assertThat(signedIn.body()).contains("\"openapi\":\"3.1.0\"").contains("/v1/seats");
    }
  }

  @Test
  void productionMayPublishItAndDevelopmentDoes() {
    try (TestApi api = TestApi.start(production(Map.of("SEAT_MANAGER_OPENAPI_PUBLIC", "true")))) {
      assertThat(api.get("/openapi.json").statusCode()).isEqualTo(200);
    }
    try (TestApi api = TestApi.start()) {
      assertThat(api.get("/openapi.json").statusCode()).isEqualTo(200);
    }
  }
}
