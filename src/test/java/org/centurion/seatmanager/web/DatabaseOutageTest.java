package org.centurion.seatmanager.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.centurion.seatmanager.auth.NewSession;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.web.auth.SessionCookie;
import org.centurion.seatmanager.config.DatabaseUrl;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.testing.TestApi;
import org.centurion.seatmanager.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL stopped under a running server (issue 20): every route answers within the pool's
 * connection timeout and never 500; the ones that need the database answer 503 DATABASE_UNAVAILABLE
 * (console pages as an HTML error page), with one log line per failure and no stack trace.
 */
class DatabaseOutageTest {
  /**
   * Routes that never read the database: health answers its own 503, and the enrollment key route
   * answers ENROLLMENT_NOT_CONFIGURED (503) here because this instance has no enrollment key.
   */
  private static final java.util.Set<String> DATABASE_FREE =
      java.util.Set.of("GET /health", "GET /v1/operator/enrollment-key");

  /** Connection timeout plus the time a loaded 2-core machine needs to answer. */
  private static final Duration BOUND = Database.CONNECTION_TIMEOUT.plusMillis(1_500);

  @Test
  void everyRouteAnswers503WithinTheConnectionTimeoutWhilePostgresIsAway() throws Exception {
    EmbeddedPostgres pg = TestDatabases.startPrivateServer();
    DatabaseUrl url = DatabaseUrl.parse("postgres://postgres@127.0.0.1:" + pg.getPort() + "/postgres");
    try (Database db = Database.open(url, "migrate", 2)) {
      new org.centurion.seatmanager.store.Migrations(db.dataSource()).migrate();
    }
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    try (TestApi api = TestApi.startOnExisting(Map.of("DATABASE_URL", TestDatabases.asPostgresUrl(url)))) {
      String token;
      NewSession console;
      SecurityFixture fx = new SecurityFixture(api, Clock.systemUTC());
      try {
        SecurityFixture.TestUser admin = fx.user(Role.ADMIN);
        token = fx.session(admin).token();
        console = fx.session(admin);
        assertThat(fx.getBearer("/v1/seats", token).statusCode()).isEqualTo(200);
      } finally {
        fx.close();
      }

      pg.close();
      await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/health").statusCode() == 503);
      logs.start();
      root.addAppender(logs);

      List<Probe> probes = new ArrayList<>();
      for (EndpointSpec spec : api.app().specs()) {
        String path = spec.path().replaceAll("\\{[^}]+}", "1");
        probes.add(new Probe(spec.method() + " " + spec.path(), request(api, spec, path, token, console), spec.html()));
      }
      probes.add(new Probe("login", api.request("/v1/auth/login").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"someone\",\"password\":\"" + UUID.randomUUID() + "\"}"))
          .build(), false));
      // All at once, each on its own thread: one after the other they would take routes × the timeout.
      var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
      List<CompletableFuture<Answer>> answers = probes.stream().map(p -> p.send(api, threads)).toList();

      int unavailable = 0;
      for (int i = 0; i < probes.size(); i++) {
        Probe p = probes.get(i);
        Answer a = answers.get(i).join();
        assertThat(a.response().statusCode()).as(p.name() + ": " + a.response().body()).isNotEqualTo(500);
        assertThat(a.took()).as(p.name()).isLessThan(BOUND);
        if (a.response().statusCode() == 503 && !DATABASE_FREE.contains(p.name())) {
          unavailable++;
          assertThat(a.response().body()).as(p.name()).contains(ApiServer.DATABASE_UNAVAILABLE);
          if (p.html()) {
            assertThat(a.response().headers().firstValue("Content-Type").orElse("")).as(p.name()).startsWith("text/html");
            assertThat(a.response().body()).as(p.name()).doesNotContain("Exception");
            if (p.name().startsWith("GET ")) {
              assertThat(a.response().body()).as(p.name() + ": a whole error page").contains("<html");
            }
          }
        }
      }
      for (String named : List.of("GET /v1/seats", "GET /v1/seats/{id}", "GET /v1/dashboard/health", "login",
          "GET /v1/auth/me", "GET /console/seats", "GET /console/dashboard")) {
        int i = indexOf(probes, named);
        assertThat(i).as(named).isNotNegative();
        HttpResponse<String> r = answers.get(i).join().response();
        assertThat(r.statusCode()).as(named + ": " + r.body()).isEqualTo(503);
        if (!probes.get(i).html()) {
          assertThat(SecurityFixture.code(r)).as(named).isEqualTo(ApiServer.DATABASE_UNAVAILABLE);
        }
      }
      root.detachAppender(logs);
      List<ILoggingEvent> ours = logs.list.stream().filter(e -> e.getLoggerName().startsWith("org.centurion")).toList();
      assertThat(ours).as("no stack trace per request").allMatch(e -> e.getThrowableProxy() == null);
      assertThat(ours.stream().filter(e -> e.getLevel() == Level.ERROR)).as("a database away is no bug").isEmpty();
      assertThat(ours.stream().filter(e -> e.getFormattedMessage().startsWith("database unavailable in ")))
          .as("one line per failure").hasSize(unavailable);
    } finally {
      root.detachAppender(logs);
    }
  }

  private static HttpRequest request(TestApi api, EndpointSpec spec, String path, String token, NewSession console) {
    HttpRequest.Builder b = api.request(path).timeout(Duration.ofSeconds(20));
    if (spec.html()) {
      // Pages as a browser navigates to them; forms as htmx posts them (answered with a fragment).
      b.header("Cookie", SessionCookie.NAME + "=" + console.token()).header("X-CSRF-Token", console.csrfToken())
          .header("Content-Type", "application/x-www-form-urlencoded");
      if (spec.isWrite()) {
        b.header("HX-Request", "true");
      }
    } else {
      b.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .header("Idempotency-Key", UUID.randomUUID().toString());
    }
    String method = spec.method().toString();
    return method.equals("GET")
        ? b.GET().build()
        : b.method(method, HttpRequest.BodyPublishers.ofString(spec.html() ? "" : "{}")).build();
  }

  private static int indexOf(List<Probe> probes, String name) {
    for (int i = 0; i < probes.size(); i++) {
      if (probes.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private record Answer(HttpResponse<String> response, Duration took) {}

  private record Probe(String name, HttpRequest request, boolean html) {
    CompletableFuture<Answer> send(TestApi api, java.util.concurrent.Executor threads) {
      return CompletableFuture.supplyAsync(() -> {
        long start = System.nanoTime();
        HttpResponse<String> r = api.send(request);
        return new Answer(r, Duration.ofNanos(System.nanoTime() - start));
      }, threads);
    }
  }
}
