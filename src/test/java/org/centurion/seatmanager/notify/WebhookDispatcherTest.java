package org.centurion.seatmanager.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.AlertSignal;
import org.centurion.seatmanager.alerts.Severity;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.Secret;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushed alert notifications (issue 17) against a local receiver on real HTTP and PostgreSQL: alerts
 * at or above the minimum severity reach every receiver in its format, HMAC-signed over
 * {@code timestamp.body}; a receiver that answers 500 gets the same delivery again after the backoff;
 * resolutions are pushed too; an unreachable receiver ends FAILED after the last attempt; alerts from
 * before a receiver existed are not replayed to it; every delivery is a row with its attempts.
 */
class WebhookDispatcherTest {
  static Database db;
  static HttpServer receiver;
  static final Map<String, List<Received>> got = new ConcurrentHashMap<>();
  static final AtomicInteger genericFailuresLeft = new AtomicInteger(1);
  static final org.centurion.seatmanager.auth.TestClock CLOCK =
      new org.centurion.seatmanager.auth.TestClock(Instant.parse("2026-12-07T10:00:00Z"));
  static final byte[] SECRET = org.centurion.seatmanager.testing.TestSecrets.hex32().getBytes(StandardCharsets.US_ASCII);

  record Received(Map<String, String> headers, byte[] body) {}

  @BeforeAll
  static void start() throws Exception {
    db = Database.open(TestDatabases.freshMigrated(), "webhooks", 4);
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    for (String path : List.of("/generic", "/slack", "/am")) {
      receiver.createContext(path, ex -> {
        byte[] body = ex.getRequestBody().readAllBytes();
        got.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Received(Map.of(
            "signature", String.valueOf(ex.getRequestHeaders().getFirst(WebhookDispatcher.SIGNATURE_HEADER)),
            "timestamp", String.valueOf(ex.getRequestHeaders().getFirst(WebhookDispatcher.TIMESTAMP_HEADER)),
            "delivery", String.valueOf(ex.getRequestHeaders().getFirst(WebhookDispatcher.DELIVERY_HEADER))), body));
        int status = path.equals("/generic") && genericFailuresLeft.getAndDecrement() > 0 ? 500 : 204;
        ex.sendResponseHeaders(status, -1);
        ex.close();
      });
    }
    receiver.start();
  }

  @AfterAll
  static void stop() {
    receiver.stop(0);
    db.close();
  }

  private static Config.Webhook hook(String name, String format, String url) {
    return new Config.Webhook(name, format, URI.create(url));
  }

  private static long count(String sql, Object... binds) {
    return db.jdbi().withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < binds.length; i++) {
        q.bind(i, binds[i]);
      }
      return q.mapTo(Long.class).one();
    });
  }

  @Test
  void alertsReachEveryReceiverSignedInItsFormatAndAreRetriedUntilDelivered() throws Exception {
    String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
    AlertService alerts = new AlertService(db.jdbi(), CLOCK);
    // an alert from before the receivers existed is not replayed to them
    alerts.raise("test", AlertSignal.global(AlertKind.TREASURY_BALANCE_LOW, Severity.CRITICAL, "old", "from before"));
    CLOCK.advance(Duration.ofMinutes(10));
    WebhookDispatcher d = new WebhookDispatcher(db.jdbi(), alerts, new Config.Notifications(List.of(
        hook("ops", "generic", base + "/generic"), hook("chat", "slack", base + "/slack"), hook("am", "alertmanager", base + "/am")),
        Optional.of(Secret.ofBytes(SECRET)), "WARNING"), CLOCK);
    d.tick();
    assertThat(got).isEmpty();

    CLOCK.advance(Duration.ofSeconds(1));
    alerts.raise("test", AlertSignal.forSeat(AlertKind.SLASHING, Severity.CRITICAL, 7, "", "validator 3 of seat 7 is slashed"));
    alerts.raise("test", AlertSignal.global(AlertKind.ENDPOINT_DOWN, Severity.WARNING, "el", "anvil does not answer"));
    alerts.raise("test", AlertSignal.global(AlertKind.WATCHER_LAGGING, Severity.INFO, "x", "a little behind"));
    CLOCK.advance(Duration.ofSeconds(1));
    d.tick();
    assertThat(got.get("/slack")).hasSize(2);
    assertThat(got.get("/am")).hasSize(2);
    assertThat(got.get("/generic")).as("both alerts POSTed; the first got a 500 and is not due again yet").hasSize(2);
    assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE status = 'PENDING' AND attempts = 1 AND last_status = 500"
        + " AND receiver = 'ops'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE alert_id IN (SELECT id FROM alerts WHERE severity = 'INFO'"
        + " OR message = 'from before')")).as("below the minimum severity, or from before").isZero();

    for (Received r : got.values().stream().flatMap(List::stream).toList()) {
      assertThat(r.headers().get("signature"))
          .isEqualTo("sha256=" + WebhookDispatcher.signature(SECRET, r.headers().get("timestamp"), r.body()));
    }
    JsonMapper json = JsonMapper.builder().build();
    List<String> slack = got.get("/slack").stream().map(r -> json.readTree(r.body()).path("text").asString()).toList();
    assertThat(slack).contains("[CRITICAL] SLASHING seat 7: validator 3 of seat 7 is slashed");
    JsonNode am = json.readTree(got.get("/am").stream().filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains("SLASHING"))
        .findFirst().orElseThrow().body());
    assertThat(am.isArray()).isTrue();
    assertThat(am.get(0).path("labels").path("alertname").asString()).isEqualTo("SeatManagerSlashing");
    assertThat(am.get(0).path("labels").path("severity").asString()).isEqualTo("critical");
    assertThat(am.get(0).path("labels").path("seat").asString()).isEqualTo("7");
    assertThat(am.get(0).has("endsAt")).isFalse();

    CLOCK.advance(Duration.ofSeconds(11));
    d.tick();
    assertThat(got.get("/generic")).hasSize(3);
    JsonNode generic = json.readTree(got.get("/generic").get(got.get("/generic").size() - 1).body());
    assertThat(generic.path("event").asString()).isEqualTo("firing");
    assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE status = 'DELIVERED' AND receiver = 'ops'")).isEqualTo(2);
    assertThat(count("SELECT max(attempts) FROM webhook_deliveries WHERE receiver = 'ops'")).isEqualTo(2);

    // a resolution is pushed as well
    alerts.resolve("test", AlertKind.ENDPOINT_DOWN.name() + ":el");
    CLOCK.advance(Duration.ofSeconds(1));
    d.tick();
    assertThat(got.get("/am").stream().map(r -> json.readTree(r.body()).get(0)).filter(a -> a.has("endsAt")).count()).isEqualTo(1);
    assertThat(got.get("/slack").stream().map(r -> json.readTree(r.body()).path("text").asString()))
        .anyMatch(t -> t.startsWith("Resolved: ENDPOINT_DOWN"));
    assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE event = 'resolved' AND status = 'DELIVERED'"
        + " AND receiver IN ('ops', 'chat', 'am')")).isEqualTo(3);
    d.tick();
    assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE receiver IN ('ops', 'chat', 'am')"))
        .as("each event once per receiver").isEqualTo(9);
  }

  @Test
  void anUnreachableReceiverIsRetriedWithBackoffAndEndsFailedWithoutHoldingAnyAlertBack() {
    AlertService alerts = new AlertService(db.jdbi(), CLOCK);
    WebhookDispatcher d = new WebhookDispatcher(db.jdbi(), alerts, new Config.Notifications(List.of(
        hook("down", "generic", "http://127.0.0.1:9/nothing")), Optional.of(Secret.ofBytes(SECRET)), "WARNING"), CLOCK);
    d.tick();
    CLOCK.advance(Duration.ofSeconds(1));
    alerts.raise("test", AlertSignal.global(AlertKind.EXECUTOR_PAUSED, Severity.CRITICAL, "", "paused by alice"));
    assertThat(alerts.openAlert(AlertKind.EXECUTOR_PAUSED.name())).as("raised at once, whatever the receiver").isPresent();
    CLOCK.advance(Duration.ofSeconds(1));
    for (int i = 0; i < WebhookDispatcher.MAX_ATTEMPTS + 2; i++) {
      d.tick();
      CLOCK.advance(Duration.ofHours(2));
    }
    assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE receiver = 'down' AND status = 'FAILED' AND attempts = ?",
        WebhookDispatcher.MAX_ATTEMPTS)).isEqualTo(1);
    assertThat(WebhookDispatcher.backoff(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(WebhookDispatcher.backoff(3)).isEqualTo(Duration.ofSeconds(40));
    assertThat(WebhookDispatcher.backoff(30)).isEqualTo(Duration.ofHours(1));
  }
}
