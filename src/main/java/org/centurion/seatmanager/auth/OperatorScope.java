package org.centurion.seatmanager.auth;

import java.util.Locale;
import java.util.Optional;

/** What an operator API key may do on its one seat (the original's {@code OperatorApiScope}). */
public enum OperatorScope {
  /** Read the seat's status, lifecycle, evidence, operations, vault and claim state. */
  STATUS,
  /** Prepare reward claims for the beneficiary's wallet. */
  CLAIM,
  /** Replace the key with a new one (the old one is revoked in the same transaction). */
  ROTATE_API_KEY,
  /** Ask the foundation for a voluntary exit: a request an ADMIN decides, never an exit by itself. */
  EXIT_REQUEST;

  /** The name on the wire and in the database: {@code rotate_api_key}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<OperatorScope> ofWire(String s) {
    for (OperatorScope v : values()) {
      if (v.wire().equals(s)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
