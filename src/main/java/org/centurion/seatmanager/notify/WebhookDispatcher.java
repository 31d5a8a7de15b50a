package org.centurion.seatmanager.notify;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.centurion.seatmanager.alerts.Alert;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.config.Config;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes alerts to the configured webhooks (issue 17). Each round queues, per receiver, the alerts
 * opened or resolved since its watermark at or above the minimum severity (the outbox, {@code
 * webhook_deliveries}: an alert is raised without waiting on any receiver, and a receiver that is
 * down loses nothing), then delivers what is due: one POST each, HMAC-SHA-256-signed over
 * {@code timestamp.body} ({@code X-Seat-Manager-Signature: sha256=…}, {@code X-Seat-Manager-Timestamp}),
 * a 2xx is delivered, anything else is retried with exponential backoff until {@link #MAX_ATTEMPTS}.
 */
public final class WebhookDispatcher {
  public static final String ROLE = "webhooks";
  public static final String SIGNATURE_HEADER = "X-Seat-Manager-Signature";
  public static final String TIMESTAMP_HEADER = "X-Seat-Manager-Timestamp";
  public static final String DELIVERY_HEADER = "X-Seat-Manager-Delivery";
  static final int MAX_ATTEMPTS = 8;
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
  private static final Duration MAX_BACKOFF = Duration.ofHours(1);
  /** Alerts committed a little after the time they carry are still caught: the queue is idempotent. */
  private static final Duration OVERLAP = Duration.ofMinutes(5);
  private static final int BATCH = 20;
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  private final Jdbi jdbi;
  private final AlertService alerts;
  private final Config.Notifications settings;
  private final HttpClient http;
  private final Clock clock;

  public WebhookDispatcher(Jdbi jdbi, AlertService alerts, Config.Notifications settings, Clock clock) {
    if (!settings.webhooks().isEmpty() && settings.secret().isEmpty()) {
      throw new IllegalArgumentException("webhooks need their HMAC secret");
    }
    this.jdbi = jdbi;
    this.alerts = alerts;
    this.settings = settings;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** One round: queue what is new for every receiver, then deliver what is due. */
  public void tick() {
    Instant now = clock.instant();
    for (Config.Webhook w : settings.webhooks()) {
      jdbi.useTransaction(h -> queue(h, w, now));
    }
    for (int i = 0; i < BATCH; i++) {
      if (!deliverOne(now)) {
        break;
      }
    }
  }

  private void queue(Handle h, Config.Webhook w, Instant now) {
    h.createUpdate("INSERT INTO webhook_cursors (receiver, started_at, since) VALUES (:r, :now, :now)"
        + " ON CONFLICT (receiver) DO NOTHING").bind("r", w.name()).bind("now", Timestamp.from(now)).execute();
    var cursor = h.createQuery("SELECT started_at, since FROM webhook_cursors WHERE receiver = :r FOR UPDATE")
        .bind("r", w.name()).mapToMap().one();
    Instant started = ((Timestamp) cursor.get("started_at")).toInstant();
    Instant since = ((Timestamp) cursor.get("since")).toInstant().minus(OVERLAP);
    Timestamp from = Timestamp.from(since.isBefore(started) ? started : since);
    List<String> severities = severitiesFrom(settings.minSeverity());
    for (String event : List.of("firing", "resolved")) {
      String column = event.equals("firing") ? "first_seen" : "resolved_at";
      h.createUpdate("INSERT INTO webhook_deliveries (receiver, alert_id, event, next_attempt_at, created_at)"
              + " SELECT :r, id, :e, :now, :now FROM alerts WHERE " + column + " >= :from AND " + column + " <= :now"
              + " AND severity IN (<sev>) ON CONFLICT (receiver, alert_id, event) DO NOTHING")
          .bind("r", w.name()).bind("e", event).bind("now", Timestamp.from(now)).bind("from", from)
          .bindList("sev", severities).execute();
    }
    h.createUpdate("UPDATE webhook_cursors SET since = :now WHERE receiver = :r").bind("r", w.name())
        .bind("now", Timestamp.from(now)).execute();
  }

  /** Delivers the oldest due delivery, holding its row so another instance skips it; false when none is due. */
  private boolean deliverOne(Instant now) {
    return jdbi.inTransaction(h -> {
      Optional<java.util.Map<String, Object>> row = h.createQuery("SELECT id, receiver, alert_id, event, attempts"
              + " FROM webhook_deliveries WHERE status = 'PENDING' AND next_attempt_at <= :now ORDER BY next_attempt_at, id"
              + " LIMIT 1 FOR UPDATE SKIP LOCKED").bind("now", Timestamp.from(now)).mapToMap().findOne();
      if (row.isEmpty()) {
        return false;
      }
      long id = ((Number) row.get().get("id")).longValue();
      int attempts = ((Number) row.get().get("attempts")).intValue() + 1;
      Optional<Config.Webhook> hook = settings.webhooks().stream().filter(w -> w.name().equals(row.get().get("receiver")))
          .findFirst();
      Optional<Alert> alert = alerts.find(((Number) row.get().get("alert_id")).longValue());
      if (hook.isEmpty() || alert.isEmpty()) {
        record(h, id, attempts, "FAILED", null, "the receiver is no longer configured", now);
        return true;
      }
      Outcome o = post(hook.get(), id, row.get().get("event").toString(), alert.get());
      if (o.delivered()) {
        record(h, id, attempts, "DELIVERED", o.status(), null, now);
      } else if (attempts >= MAX_ATTEMPTS) {
        record(h, id, attempts, "FAILED", o.status(), o.error(), now);
        LOG.warn("webhook {}: delivery {} failed after {} attempts: {}", hook.get().name(), id, attempts, o.error());
      } else {
        h.createUpdate("UPDATE webhook_deliveries SET attempts = :a, last_status = :s, last_error = :err,"
                + " next_attempt_at = :next WHERE id = :id")
            .bind("a", attempts).bind("s", o.status()).bind("err", o.error()).bind("next", Timestamp.from(now.plus(backoff(attempts))))
            .bind("id", id).execute();
      }
      return true;
    });
  }

  private static void record(Handle h, long id, int attempts, String status, Integer code, String error, Instant now) {
    h.createUpdate("UPDATE webhook_deliveries SET status = :st, attempts = :a, last_status = :s, last_error = :err,"
            + " delivered_at = :at WHERE id = :id")
        .bind("st", status).bind("a", attempts).bind("s", code).bind("err", error)
        .bind("at", status.equals("DELIVERED") ? Timestamp.from(now) : null).bind("id", id).execute();
  }

  /** What one POST came to. */
  private record Outcome(boolean delivered, Integer status, String error) {}

  private Outcome post(Config.Webhook w, long deliveryId, String event, Alert a) {
    byte[] body = WebhookPayloads.of(w.format(), event, a);
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    try {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(w.url()).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json").header(TIMESTAMP_HEADER, timestamp)
          .header(SIGNATURE_HEADER, "sha256=" + signature(settings.secret().orElseThrow().bytes(), timestamp, body))
          .header(DELIVERY_HEADER, Long.toString(deliveryId))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
      boolean ok = r.statusCode() / 100 == 2;
      return new Outcome(ok, r.statusCode(), ok ? null : "HTTP " + r.statusCode());
    } catch (java.io.IOException e) {
      return new Outcome(false, null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, null, "interrupted");
    }
  }

  /** HMAC-SHA-256 over {@code timestamp "." body}, hex: what a receiver recomputes with the shared secret. */
  public static String signature(byte[] secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static Duration backoff(int attempts) {
    Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 20));
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  private static List<String> severitiesFrom(String min) {
    return switch (min) {
      case "INFO" -> List.of("INFO", "WARNING", "CRITICAL");
      case "CRITICAL" -> List.of("CRITICAL");
      default -> List.of("WARNING", "CRITICAL");
    };
  }
}
