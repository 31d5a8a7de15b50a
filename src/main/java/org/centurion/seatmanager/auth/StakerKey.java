package org.centurion.seatmanager.auth;

import java.time.Instant;

/** A staker API key's metadata (never the key). */
public record StakerKey(
    long id,
    String stakerAddress,
    String label,
    Instant expiresAt,
    Instant revokedAt,
    Instant createdAt,
    String createdBy) {}
