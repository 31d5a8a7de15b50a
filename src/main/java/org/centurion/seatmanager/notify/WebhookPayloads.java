package org.centurion.seatmanager.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.alerts.Alert;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a receiver gets for an alert event, in its format: {@code generic} (the alert as seat-manager
 * reports it), {@code slack} (an incoming-webhook message) or {@code alertmanager} (an alert for
 * Alertmanager's {@code POST /api/v2/alerts}, resolved by its {@code endsAt}).
 */
final class WebhookPayloads {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private WebhookPayloads() {}

  static byte[] of(String format, String event, Alert a) {
    Object body = switch (format) {
      case "slack" -> Map.of("text", slackText(event, a));
      case "alertmanager" -> List.of(alertmanager(event, a));
      default -> generic(event, a);
    };
    return JSON.writeValueAsBytes(body);
  }

  private static Map<String, Object> generic(String event, Alert a) {
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("id", a.id());
    alert.put("kind", a.kind().name());
    alert.put("severity", a.severity().name());
    alert.put("seatId", a.seatId().orElse(null));
    alert.put("message", a.message());
    alert.put("firstSeen", a.firstSeen().toString());
    alert.put("lastSeen", a.lastSeen().toString());
    alert.put("count", a.count());
    alert.put("resolvedAt", a.resolvedAt().map(Object::toString).orElse(null));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", "seat-manager");
    m.put("event", event);
    m.put("alert", alert);
    return m;
  }

  private static String slackText(String event, Alert a) {
    String seat = a.seatId().map(id -> " seat " + id).orElse("");
    return (event.equals("resolved") ? "Resolved: " : "[" + a.severity() + "] ") + a.kind() + seat + ": " + a.message();
  }

  private static Map<String, Object> alertmanager(String event, Alert a) {
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("alertname", "SeatManager" + camel(a.kind().name()));
    labels.put("kind", a.kind().name());
    labels.put("severity", a.severity().name().toLowerCase(java.util.Locale.ROOT));
    labels.put("service", "seat-manager");
    a.seatId().ifPresent(id -> labels.put("seat", Long.toString(id)));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("labels", labels);
    m.put("annotations", Map.of("summary", a.message()));
    m.put("startsAt", a.firstSeen().toString());
    if (event.equals("resolved")) {
      m.put("endsAt", a.resolvedAt().orElse(a.lastSeen()).toString());
    }
    return m;
  }

  /** WATCHER_STALLED → WatcherStalled, as the shipped Prometheus rules name their alerts. */
  private static String camel(String kind) {
    StringBuilder b = new StringBuilder();
    for (String w : kind.split("_")) {
      b.append(w.charAt(0)).append(w.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return b.toString();
  }
}
