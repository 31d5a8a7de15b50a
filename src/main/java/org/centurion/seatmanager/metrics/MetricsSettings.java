package org.centurion.seatmanager.metrics;

import java.time.Duration;

/**
 * Where the Prometheus endpoint listens ({@code SEAT_MANAGER_METRICS_HOST}, default 127.0.0.1;
 * {@code SEAT_MANAGER_METRICS_PORT}, 0 = any free port) and how often its values are refreshed.
 * A separate port, so that metrics never share the API's exposure.
 */
public record MetricsSettings(String host, int port, Duration refresh) {
  public static final int DEFAULT_PORT = 9464;

  public MetricsSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("metrics host must be set");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("metrics port must be 0..65535");
    }
    if (refresh.isZero() || refresh.isNegative()) {
      throw new IllegalArgumentException("metrics refresh must be positive");
    }
  }

  public static MetricsSettings loopback(int port) {
    return new MetricsSettings("127.0.0.1", port, Duration.ofSeconds(15));
  }
}
