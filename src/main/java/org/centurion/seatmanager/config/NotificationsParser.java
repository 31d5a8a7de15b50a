package org.centurion.seatmanager.config;

import static org.centurion.seatmanager.config.ConfigLoader.WEBHOOKS;
import static org.centurion.seatmanager.config.ConfigLoader.WEBHOOK_MIN_SEVERITY;
import static org.centurion.seatmanager.config.ConfigLoader.WEBHOOK_SECRET;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Pushed alert notifications (issue 17): {@code SEAT_MANAGER_WEBHOOKS=name=format:url,…} with format
 * generic, slack or alertmanager; {@code SEAT_MANAGER_WEBHOOK_SECRET} (hex, required with any
 * webhook) HMAC-signs every delivery; {@code SEAT_MANAGER_WEBHOOK_MIN_SEVERITY} (default WARNING).
 * Production takes https:// only, or http:// to loopback. One section of {@link ConfigLoader}.
 */
final class NotificationsParser {
  static final Set<String> FORMATS = Set.of("generic", "slack", "alertmanager");
  static final List<String> SEVERITIES = List.of("INFO", "WARNING", "CRITICAL");

  private NotificationsParser() {}

  static Config.Notifications notifications(EnvReader r, boolean production) {
    List<Config.Webhook> hooks = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String entry : r.env.get(WEBHOOKS).map(v -> v.split(",")).orElse(new String[0])) {
      String e = entry.strip();
      if (e.isEmpty()) {
        continue;
      }
      int eq = e.indexOf('=');
      int colon = eq < 0 ? -1 : e.indexOf(':', eq);
      if (eq < 1 || colon < 0) {
        r.problems.add(WEBHOOKS + " entries are name=format:url (format generic, slack or alertmanager)");
        continue;
      }
      String name = e.substring(0, eq);
      String format = e.substring(eq + 1, colon).toLowerCase(Locale.ROOT);
      String url = e.substring(colon + 1);
      if (!name.matches("[a-z0-9][a-z0-9-]{0,31}") || !names.add(name)) {
        r.problems.add(WEBHOOKS + ": each name is unique, lower-case letters, digits and '-', at most 32");
        continue;
      }
      if (!FORMATS.contains(format)) {
        r.problems.add(WEBHOOKS + ": webhook " + name + "'s format must be generic, slack or alertmanager");
        continue;
      }
      Optional<URI> uri = url(r, name, url, production);
      uri.ifPresent(u -> hooks.add(new Config.Webhook(name, format, u)));
    }
    Optional<Secret> secret = Optional.empty();
    if (!hooks.isEmpty()) {
      secret = Optional.ofNullable(r.hexSecret(WEBHOOK_SECRET));
    }
    String min = r.env.get(WEBHOOK_MIN_SEVERITY).map(s -> s.strip().toUpperCase(Locale.ROOT)).orElse("WARNING");
    if (!SEVERITIES.contains(min)) {
      r.problems.add(WEBHOOK_MIN_SEVERITY + " must be INFO, WARNING or CRITICAL");
      min = "WARNING";
    }
    return new Config.Notifications(List.copyOf(hooks), secret, min);
  }

  private static Optional<URI> url(EnvReader r, String name, String url, boolean production) {
    URI u;
    try {
      u = new URI(url);
    } catch (java.net.URISyntaxException ex) {
      r.problems.add(WEBHOOKS + ": webhook " + name + "'s URL is not a URL");
      return Optional.empty();
    }
    boolean http = "http".equalsIgnoreCase(u.getScheme());
    if (!(http || "https".equalsIgnoreCase(u.getScheme())) || u.getHost() == null) {
      r.problems.add(WEBHOOKS + ": webhook " + name + "'s URL must be http:// or https:// with a host");
      return Optional.empty();
    }
    boolean loopback = u.getHost().equals("localhost") || u.getHost().equals("127.0.0.1") || u.getHost().equals("[::1]");
    if (production && http && !loopback) {
      r.problems.add(WEBHOOKS + ": webhook " + name + " must use https:// in production (http:// only to loopback)");
      return Optional.empty();
    }
    return Optional.of(u);
  }
}
