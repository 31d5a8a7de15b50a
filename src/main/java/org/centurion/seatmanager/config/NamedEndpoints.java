package org.centurion.seatmanager.config;


import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code "a=http://10.0.0.5:8545,b=https://rpc.example/KEY"}, the format of {@code
 * SEAT_MANAGER_EL_RPC_URLS} and {@code SEAT_MANAGER_CL_API_URLS}. Labels are unique, lower-case
 * words; URLs are absolute http(s) with a host. Error messages never include a URL's path or
 * query, which may hold a provider key.
 */
public final class NamedEndpoints {
  private NamedEndpoints() {}

  public static List<NamedEndpoint> parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw invalid("no endpoints given; expected label=url[,label=url…]");
    }
    List<NamedEndpoint> out = new ArrayList<>();
    Set<String> labels = new HashSet<>();
    Set<String> urls = new HashSet<>();
    String[] entries = spec.split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].strip();
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw invalid("entry " + (i + 1) + " is not label=url");
      }
      String label = entry.substring(0, eq).strip();
      if (!label.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
        throw invalid("entry " + (i + 1) + ": label must be 1-32 of [a-z0-9_-], starting with a letter or digit");
      }
      URI url;
      try {
        url = new URI(entry.substring(eq + 1).strip());
      } catch (URISyntaxException e) {
        throw invalid("endpoint '" + label + "': URL does not parse");
      }
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null || url.getRawFragment() != null) {
        throw invalid("endpoint '" + label + "': URL must be absolute http(s)://host[:port][/path]");
      }
      if (!labels.add(label)) {
        throw invalid("label '" + label + "' is used twice");
      }
      if (!urls.add(url.normalize().toString())) {
        throw invalid("endpoint '" + label + "' repeats another endpoint's URL: a cross-check needs distinct nodes");
      }
      out.add(new NamedEndpoint(label, url));
    }
    return List.copyOf(out);
  }

  private static InvalidEndpointsException invalid(String message) {
    return new InvalidEndpointsException(message);
  }
}
