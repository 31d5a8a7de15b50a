package org.centurion.seatmanager.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.Context;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.centurion.seatmanager.auth.Caller;
import org.centurion.seatmanager.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An {@link Error} thrown by a handler (OutOfMemoryError, StackOverflowError) still gets the JSON error
 * with the security headers, and the write's attempt gets its outcome. A refusal a read handler raises
 * is reported to the guard like its own refusals. The guard here is a recorder behind the production
 * interface; the server is the real one.
 */
class HandlerErrorTest {
  static final List<String> outcomes = new CopyOnWriteArrayList<>();
  static ApiServer server;

  static final class Throwing implements Endpoint {
    private final EndpointSpec spec;
    private final Runnable body;

    Throwing(EndpointSpec spec, Runnable body) {
      this.spec = spec;
      this.body = body;
    }

    @Override
    public EndpointSpec spec() {
      return spec;
    }

    @Override
    public void handle(ApiRequest r) {
      body.run();
    }
  }

  static final RequestGuard RECORDER = new RequestGuard() {
    @Override
    public Caller admit(Context ctx, EndpointSpec spec, String requestId) {
      return Caller.anonymous(ctx.ip());
    }

    @Override
    public void beforeWrite(Context ctx, EndpointSpec spec, Caller caller, String requestId) {
      outcomes.add("attempt " + spec.path());
    }

    @Override
    public void afterWrite(Context ctx, EndpointSpec spec, Caller caller, String requestId, int status, String code) {
      outcomes.add("outcome " + spec.path() + " " + status + " " + code);
    }

    @Override
    public void deniedRead(Context ctx, EndpointSpec spec, Caller caller, String requestId, String code) {
      outcomes.add("denied " + spec.path() + " " + code);
    }
  };

  @BeforeAll
  static void start() {
    server = new ApiServer(List.of(
        new Throwing(EndpointSpec.post("/oom").anyone().build(), () -> {
          throw new OutOfMemoryError("Java heap space");
        }),
        new Throwing(EndpointSpec.get("/deep").anyone().build(), () -> {
          throw new StackOverflowError();
        }),
        new Throwing(EndpointSpec.get("/mine").users(Role.VIEWER).build(), () -> {
          throw ApiError.forbidden("STAKER_ADDRESS_MISMATCH", "not your seat");
        })), RECORDER, false).start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpRequest.Builder at(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
  }

  @Test
  void anOutOfMemoryErrorInAWriteIsAJsonErrorWithItsOutcome() throws Exception {
    HttpResponse<String> r = send(at("/oom").POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("\"code\":\"INTERNAL\"").doesNotContain("heap");
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(outcomes).contains("attempt /oom", "outcome /oom 500 INTERNAL");
  }

  @Test
  void aStackOverflowInAReadIsAJsonError() throws Exception {
    HttpResponse<String> r = send(at("/deep").GET());
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("\"code\":\"INTERNAL\"");
  }

  @Test
  void aRefusalRaisedByAReadHandlerReachesTheGuardsRecord() throws Exception {
    HttpResponse<String> r = send(at("/mine").GET());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(outcomes).contains("denied /mine STAKER_ADDRESS_MISMATCH");
  }
}
