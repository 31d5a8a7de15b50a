package org.centurion.seatmanager.config;

import java.net.URI;
import java.util.Objects;

/**
 * One node, known by a short label in logs, errors and alerts. Provider URLs often carry an API
 * key in their path or query, so {@link #toString()} shows only label, scheme, host and port.
 */
public record NamedEndpoint(String label, URI url) {
  public NamedEndpoint {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(url, "url");
  }

  /** The URL without user info, path or query: safe for logs. */
  public String redactedUrl() {
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    boolean hidden = url.getRawPath() != null && !url.getRawPath().isEmpty() && !"/".equals(url.getRawPath())
        || url.getRawQuery() != null || url.getRawUserInfo() != null;
    return url.getScheme() + "://" + url.getHost() + port + (hidden ? "/…" : "");
  }

  @Override
  public String toString() {
    return label + "=" + redactedUrl();
  }
}
