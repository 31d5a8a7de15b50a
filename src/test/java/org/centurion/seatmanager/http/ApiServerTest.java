package org.centurion.seatmanager.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.centurion.seatmanager.testing.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiServerTest {
  static TestApi api;

  @BeforeAll
  static void start() {
    api = TestApi.start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void healthIsOkWithNothingElse() {
    HttpResponse<String> r = api.get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
    assertThat(r.headers().firstValue("Server")).isEmpty();
  }

  @Test
  void everyResponseCarriesSecurityHeadersAndARequestId() {
    HttpResponse<String> r = api.get("/health");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(r.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f-]{36}");
    // development config: cookies not Secure, so no HSTS
    assertThat(r.headers().firstValue("Strict-Transport-Security")).isEmpty();
  }

  @Test
  void safeRequestIdIsEchoedAndUnsafeOneReplaced() {
    HttpResponse<String> kept = api.send(api.request("/health").header("X-Request-Id", "abc-123").GET().build());
    assertThat(kept.headers().firstValue("X-Request-Id")).contains("abc-123");
    HttpResponse<String> replaced = api.send(api.request("/health")
        .header("X-Request-Id", "<script>" + "x".repeat(100)).GET().build());
    assertThat(replaced.headers().firstValue("X-Request-Id").orElseThrow()).doesNotContain("script");
  }

  @Test
  void unknownRouteIs404InTheErrorShape() {
    HttpResponse<String> r = api.get("/v1/nope");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("\"code\":\"NOT_FOUND\"").contains("\"requestId\"");
  }

  @Test
  void bodiesOverOneMebibyteAre413() {
    String big = "{\"a\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
    HttpResponse<String> r = api.send(api.request("/health").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(big)).build());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("PAYLOAD_TOO_LARGE");
  }

  @Test
  void openApiListsExactlyTheRegisteredRoutes() {
    HttpResponse<String> r = api.get("/openapi.json");
    assertThat(r.statusCode()).isEqualTo(200);
    for (EndpointSpec s : api.app().specs()) {
      assertThat(r.body()).as(s.method() + " " + s.path()).contains("\"" + s.path() + "\"");
    }
  }
}
