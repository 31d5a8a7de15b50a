package org.centurion.seatmanager.web;

import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * Whether this instance can serve: the database answers and its schema is current. Checked live
 * but at most once a second, so a load balancer's probes cannot load the database.
 */
public final class HealthCheck {
  private static final long CACHE_MILLIS = 1_000;

  private final BooleanSupplier probe;
  private final Clock clock;
  private volatile long checkedAt = Long.MIN_VALUE;
  private volatile boolean healthy;

  public HealthCheck(BooleanSupplier probe, Clock clock) {
    this.probe = probe;
    this.clock = clock;
  }

  public boolean healthy() {
    long now = clock.millis();
    if (now - checkedAt >= CACHE_MILLIS || checkedAt == Long.MIN_VALUE) {
      synchronized (this) {
        if (now - checkedAt >= CACHE_MILLIS || checkedAt == Long.MIN_VALUE) {
          boolean ok;
          try {
            ok = probe.getAsBoolean();
          } catch (RuntimeException e) {
            ok = false;
          }
          healthy = ok;
          checkedAt = now;
        }
      }
    }
    return healthy;
  }
}
