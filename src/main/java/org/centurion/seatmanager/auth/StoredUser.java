package org.centurion.seatmanager.auth;

import java.time.Instant;

/** A user row with its credentials: stays inside the auth package. */
record StoredUser(
    User user,
    String passwordHash,
    int failedLogins,
    Instant lockedUntil,
    byte[] totpSecret,
    Long totpLastCounter,
    Instant temporaryUntil,
    byte[] totpPendingSecret) {

  /** A temporary password past its time: only an ADMIN reset (or the CLI) helps now. */
  boolean temporaryPasswordExpired(Instant now) {
    return user.passwordChangeRequired() && temporaryUntil != null && !now.isBefore(temporaryUntil);
  }

  @Override
  public String toString() {
    return "StoredUser[" + user + ", credentials redacted]";
  }
}
