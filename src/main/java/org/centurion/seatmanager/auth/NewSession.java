package org.centurion.seatmanager.auth;

import java.time.Instant;

/**
 * A session just created: the token and CSRF token go to the client once and exist nowhere else
 * (the database holds only the token's HMAC; the CSRF token is derived from the token).
 */
public record NewSession(long sessionId, User user, String token, String csrfToken, Instant expiresAt) {
  @Override
  public String toString() {
    return "NewSession[id=" + sessionId + ", user=" + user.username() + ", token redacted]";
  }
}
