package org.centurion.seatmanager.auth;

import java.time.Instant;

/** A live session and its user, as resolved from a token. */
public record ActiveSession(long sessionId, User user, Instant expiresAt) {}
