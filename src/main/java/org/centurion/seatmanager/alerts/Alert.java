package org.centurion.seatmanager.alerts;

import java.time.Instant;
import java.util.Optional;

/**
 * One alert row: a condition from first to last sighting, resolved once it cleared (or, for an
 * event alert, once an ADMIN acknowledged it).
 */
public record Alert(
    long id,
    String source,
    AlertKind kind,
    Severity severity,
    Optional<Long> seatId,
    String dedupeKey,
    String message,
    Instant firstSeen,
    Instant lastSeen,
    long count,
    Optional<Instant> resolvedAt,
    Optional<String> acknowledgedBy,
    Optional<Instant> acknowledgedAt,
    Optional<String> acknowledgeNote) {

  public boolean open() {
    return resolvedAt.isEmpty();
  }
}
