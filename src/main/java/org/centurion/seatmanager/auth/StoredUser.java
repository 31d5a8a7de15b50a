package org.centurion.seatmanager.auth;

import java.time.Instant;

/** A user row with its credentials: stays inside the auth package. */
record StoredUser(
    User user,
    String passwordHash,
    int failedLogins,
    Instant lockedUntil,
    byte[] totpSecret,
    Long totpLastCounter) {

  @Override
  public String toString() {
    return "StoredUser[" + user + ", credentials redacted]";
  }
}
