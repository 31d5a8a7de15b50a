package org.centurion.seatmanager.web.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Small formatting helpers for the templates (which escape whatever these return). */
public final class View {
  private View() {}

  private static final java.math.BigDecimal WEI_PER_CTN = java.math.BigDecimal.TEN.pow(18);

  /**
   * An amount of wei in CTN, for people (issue 17): up to 6 decimals, trailing zeros dropped, "≈"
   * when rounded; the exact wei stays on hover. Nothing for null, the text itself when not a number.
   */
  public static String ctn(Object wei) {
    if (wei == null || wei.toString().isEmpty()) {
      return "";
    }
    java.math.BigDecimal exact;
    try {
      exact = new java.math.BigDecimal(new java.math.BigInteger(wei.toString())).divide(WEI_PER_CTN);
    } catch (NumberFormatException e) {
      return wei.toString();
    }
    java.math.BigDecimal shown = exact.setScale(6, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
    return (shown.compareTo(exact) == 0 ? "" : "≈ ") + shown.toPlainString() + " CTN";
  }

  /**
   * A moment relative to now, for people (issue 17): "just now", "5 min ago", "in 3 h", "2 days ago";
   * the exact value stays on hover. Nothing for null, the text itself when it is not an instant.
   */
  public static String ago(Object at) {
    if (at == null || at.toString().isEmpty()) {
      return "";
    }
    java.time.Instant t;
    try {
      t = at instanceof java.time.Instant i ? i : java.time.Instant.parse(at.toString());
    } catch (java.time.format.DateTimeParseException e) {
      return at.toString();
    }
    long s = java.time.Duration.between(t, java.time.Instant.now()).getSeconds();
    long abs = Math.abs(s);
    String span = abs < 45 ? null : abs < 3600 ? (abs + 30) / 60 + " min" : abs < 86_400 ? (abs + 1800) / 3600 + " h"
        : (abs + 43_200) / 86_400 + " days";
    return span == null ? "just now" : s >= 0 ? span + " ago" : "in " + span;
  }

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
