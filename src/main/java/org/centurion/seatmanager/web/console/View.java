package org.centurion.seatmanager.web.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Small formatting helpers for the templates (which escape whatever these return). */
public final class View {
  private View() {}

  /** A value as text; nothing for null (optional facts not known yet). */
  public static String text(Object v) {
    return v == null ? "" : v.toString();
  }

  /** The rows of a list-valued field of the API's JSON-shaped maps (SeatViews). */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> rows(Object v) {
    return v == null ? List.of() : (List<Map<String, Object>>) v;
  }

  /** The seats page for its filters and a cursor; all are URL-encoded here and HTML-escaped by the template. */
  public static String seatsUrl(Map<String, String> filters, Object after) {
    StringBuilder b = new StringBuilder("/console/seats");
    String sep = "?";
    for (Map.Entry<String, String> f : filters.entrySet()) {
      b.append(sep).append(f.getKey()).append('=').append(URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8));
      sep = "&";
    }
    if (after != null && !after.toString().isEmpty()) {
      b.append(sep).append("after=").append(URLEncoder.encode(after.toString(), StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  /** The operations page for a status filter and a cursor, encoded as {@link #seatsUrl}. */
  public static String operationsUrl(String status, String cursor) {
    return pageUrl("/console/operations", "status", status, "cursor", cursor);
  }

  private static String pageUrl(String path, String filterName, String filter, String cursorName, Object cursor) {
    StringBuilder b = new StringBuilder(path);
    String sep = "?";
    if (filter != null && !filter.isEmpty()) {
      b.append(sep).append(filterName).append('=').append(URLEncoder.encode(filter, StandardCharsets.UTF_8));
      sep = "&";
    }
    if (cursor != null && !cursor.toString().isEmpty()) {
      b.append(sep).append(cursorName).append('=').append(URLEncoder.encode(cursor.toString(), StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  /** The entries of a map-valued field (an operation's actions), in their order. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> entries(Object v) {
    return v instanceof Map<?, ?> ? (Map<String, Object>) v : Map.of();
  }
}
