package org.centurion.seatmanager.web;

import org.centurion.seatmanager.auth.Caller;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.Context;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

  /** Map.of iterates in an order salted per JVM: the document's keys must come in the order written, on every run. */
  @Test
  void openApiKeysComeInADeterministicOrder() {
    String body = api.get("/openapi.json").body();
    assertThat(body).startsWith("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"seat-manager\",\"version\":");
    assertThat(body.indexOf("\"paths\":")).isLessThan(body.indexOf("\"components\":"));
    assertThat(body).contains("\"components\":{\"securitySchemes\":{\"session\":{\"type\":\"apiKey\",\"in\":\"cookie\","
        + "\"name\":\"__Host-sm_session\"},\"bearer\":{\"type\":\"http\",\"scheme\":\"bearer\"}},\"schemas\":{\"Error\":"
        + "{\"type\":\"object\",\"properties\":{\"error\":{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\"},"
        + "\"message\":{\"type\":\"string\"},\"requestId\":{\"type\":\"string\"}}}}}}}");
    assertThat(body).contains("{\"name\":\"X-Step-Up-Token\",\"in\":\"header\",\"required\":true,\"schema\":{\"type\":\"string\"}}");
    assertThat(api.get("/openapi.json").body()).isEqualTo(body);
  }

  @Test
  void aWriteWhoseAttemptCannotBeRecordedNeverReachesItsHandler() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    RequestGuard attemptFails = new RecordingGuard(events) {
      @Override
      public void beforeWrite(Context ctx, EndpointSpec spec, Caller caller, String requestId) {
        events.add("before");
        throw new IllegalStateException("audit log unavailable");
      }
    };
    try (ApiServer server = new ApiServer(List.of(writeEndpoint(events, false)), attemptFails, false)
        .start("127.0.0.1", 0)) {
      assertThat(post(server).statusCode()).isEqualTo(500);
    }
    assertThat(events).containsExactly("admit", "before");
  }

  @Test
  void aWriteThatFailsUnexpectedlyStillGetsItsOutcome() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    try (ApiServer server = new ApiServer(List.of(writeEndpoint(events, true)), new RecordingGuard(events), false)
        .start("127.0.0.1", 0)) {
      HttpResponse<String> r = post(server);
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).contains("\"code\":\"INTERNAL\"");
    }
    assertThat(events).containsExactly("admit", "before", "handler", "after 500 INTERNAL");
  }

  @Test
  void aWriteThatSucceededIsNotReportedAsFailedWhenItsOutcomeCannotBeRecorded() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    RequestGuard outcomeFails = new RecordingGuard(events) {
      @Override
      public void afterWrite(Context ctx, EndpointSpec spec, Caller caller, String requestId, int status,
          String errorCode) {
        events.add("after " + status);
        throw new IllegalStateException("audit log unavailable");
      }
    };
    try (ApiServer server = new ApiServer(List.of(writeEndpoint(events, false)), outcomeFails, false)
        .start("127.0.0.1", 0)) {
      assertThat(post(server).statusCode()).as("the write happened; its ATTEMPTED row is on record").isEqualTo(200);
    }
    assertThat(events).containsExactly("admit", "before", "handler", "after 200");
  }

  private static HttpResponse<String> post(ApiServer server) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/v1/test-write")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Endpoint writeEndpoint(List<String> events, boolean crash) {
    return new Endpoint() {
      @Override
      public EndpointSpec spec() {
        return EndpointSpec.post("/v1/test-write").summary("test").anyone().build();
      }

      @Override
      public void handle(ApiRequest r) {
        events.add("handler");
        if (crash) {
          throw new IllegalStateException("boom");
        }
        r.ctx().json(java.util.Map.of());
      }
    };
  }

  /** Admits everyone and writes down, in order, what the server asked of it. */
  private static class RecordingGuard implements RequestGuard {
    private final List<String> events;

    RecordingGuard(List<String> events) {
      this.events = events;
    }

    @Override
    public Caller admit(Context ctx, EndpointSpec spec, String requestId) {
      events.add("admit");
      return Caller.anonymous(ctx.ip());
    }

    @Override
    public void beforeWrite(Context ctx, EndpointSpec spec, Caller caller, String requestId) {
      events.add("before");
    }

    @Override
    public void afterWrite(Context ctx, EndpointSpec spec, Caller caller, String requestId, int status,
        String errorCode) {
      events.add("after " + status + " " + errorCode);
    }
  }
}
