package org.centurion.seatmanager.auth;

import java.time.Instant;
import java.util.Set;

/** An operator API key's metadata (never the key). */
public record OperatorKey(
    long id,
    long seatId,
    Set<OperatorScope> scopes,
    Instant expiresAt,
    Instant createdAt,
    String createdBy,
    Instant revokedAt,
    String revokedBy) {

  public OperatorKey {
    scopes = Set.copyOf(scopes);
  }

  public boolean has(OperatorScope scope) {
    return scopes.contains(scope);
  }
}
