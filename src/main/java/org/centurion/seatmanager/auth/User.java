package org.centurion.seatmanager.auth;

import java.time.Instant;

/** A user as the API and CLI show it: no hash, no TOTP secret, no counters. */
public record User(
    long id,
    String username,
    Role role,
    boolean passwordChangeRequired,
    boolean disabled,
    boolean totpEnabled,
    Instant createdAt) {}
