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

  /** The seats page for a state filter and a cursor; both are URL-encoded here and HTML-escaped by the template. */
  public static String seatsUrl(String state, Object after) {
    return pageUrl("/console/seats", "state", state, "after", after);
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
