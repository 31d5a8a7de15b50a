package org.centurion.seatmanager.alerts;

import java.util.Optional;

/**
 * Filters for listing alerts, newest first, paged by cursor (the last id seen).
 *
 * @param open empty: both; true: open only; false: resolved only
 */
public record AlertQuery(
    Optional<AlertKind> kind,
    Optional<Severity> severity,
    Optional<Long> seatId,
    Optional<Boolean> open,
    Optional<Long> cursor,
    int limit) {
  public static final int MAX_LIMIT = 500;

  public AlertQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
    }
  }

  public static AlertQuery openAlerts(int limit) {
    return new AlertQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(true), Optional.empty(), limit);
  }
}
