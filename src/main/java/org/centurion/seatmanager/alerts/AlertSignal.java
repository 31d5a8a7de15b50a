package org.centurion.seatmanager.alerts;

import java.util.Objects;
import java.util.Optional;

/**
 * A condition an evaluator sees right now. The dedupe key names the condition (not the
 * occurrence): the same key raised again bumps the open alert instead of opening another.
 * Messages are for operators and must never carry a secret.
 */
public record AlertSignal(AlertKind kind, Severity severity, Optional<Long> seatId, String dedupeKey, String message) {
  public static final int MAX_KEY = 200;
  public static final int MAX_MESSAGE = 1_000;

  public AlertSignal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(seatId, "seatId");
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    Objects.requireNonNull(message, "message");
    if (dedupeKey.isBlank() || dedupeKey.length() > MAX_KEY) {
      throw new IllegalArgumentException("dedupe key must be 1.." + MAX_KEY + " characters");
    }
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE);
    }
  }

  /** A process-wide condition: its key is the kind plus an optional discriminator. */
  public static AlertSignal global(AlertKind kind, Severity severity, String discriminator, String message) {
    String key = discriminator.isEmpty() ? kind.name() : kind.name() + ":" + discriminator;
    return new AlertSignal(kind, severity, Optional.empty(), key, message);
  }

  /** A condition about one seat. */
  public static AlertSignal forSeat(AlertKind kind, Severity severity, long seatId, String discriminator, String message) {
    String key = kind.name() + ":seat:" + seatId + (discriminator.isEmpty() ? "" : ":" + discriminator);
    return new AlertSignal(kind, severity, Optional.of(seatId), key, message);
  }
}
