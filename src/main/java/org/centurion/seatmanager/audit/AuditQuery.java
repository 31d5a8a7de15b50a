package org.centurion.seatmanager.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * Filters for listing the log, newest first. {@code beforeId} is the cursor: the last id of the
 * previous page.
 */
public record AuditQuery(
    Optional<String> actor,
    Optional<String> action,
    Optional<String> target,
    Optional<AuditResult> result,
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<Long> beforeId,
    int limit) {

  public static final int MAX_LIMIT = 500;

  public AuditQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
    }
  }
}
