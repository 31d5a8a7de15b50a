package org.centurion.seatmanager.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A PostgreSQL location as JDBC wants it. Accepts {@code postgres://}, {@code postgresql://} and
 * {@code jdbc:postgresql://}, with credentials in the authority ({@code user:pass@host}) or as
 * PG-style query parameters ({@code ?user=…&password=…}). {@link #toString()} hides the password.
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

  public static DatabaseUrl parse(String raw) {
    String s = raw.strip();
    String rest;
    if (s.startsWith("jdbc:postgresql://")) {
      rest = s.substring("jdbc:postgresql://".length());
    } else if (s.startsWith("postgresql://")) {
      rest = s.substring("postgresql://".length());
    } else if (s.startsWith("postgres://")) {
      rest = s.substring("postgres://".length());
    } else {
      throw new IllegalArgumentException(
          "must start with postgres://, postgresql:// or jdbc:postgresql://");
    }
    URI uri;
    try {
      uri = new URI("postgresql://" + rest);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a valid URL");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("has no host");
    }
    String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "" : uri.getPath().substring(1);
    if (db.isEmpty()) {
      throw new IllegalArgumentException("names no database (…/dbname)");
    }
    Map<String, String> params = query(uri.getRawQuery());
    Optional<String> user = Optional.ofNullable(params.remove("user"));
    Optional<String> password = Optional.ofNullable(params.remove("password"));
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = Optional.of(decode(parts[0]));
      if (parts.length == 2) {
        password = Optional.of(decode(parts[1]));
      }
    }
    String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[")
        ? "[" + uri.getHost() + "]" : uri.getHost();
    String jdbc = "jdbc:postgresql://" + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/" + db;
    if (!params.isEmpty()) {
      jdbc += "?" + params.entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("&"));
    }
    return new DatabaseUrl(jdbc, user, password);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(decode(k), k.equals("user") || k.equals("password") ? decode(v) : v);
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "DatabaseUrl[" + jdbcUrl + ", user=" + user.orElse("-") + ", password="
        + (password.isPresent() ? "***" : "-") + "]";
  }
}
