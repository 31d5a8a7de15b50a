package org.centurion.seatmanager.alerts;

import java.time.Instant;
import java.util.Optional;

/** One alert row: a condition from first to last sighting, resolved once it cleared. */
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
    Optional<Instant> resolvedAt) {

  public boolean open() {
    return resolvedAt.isEmpty();
  }
}
