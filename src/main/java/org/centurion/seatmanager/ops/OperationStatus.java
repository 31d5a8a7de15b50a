package org.centurion.seatmanager.ops;

/**
 * QUEUED: durable, nothing signed. IN_FLIGHT: a transaction intent exists (it may be signed or sent).
 * CONFIRMED / FAILED: the chain's verdict at the confirmation depth (or refusal before signing).
 * CANCELLED: withdrawn while still QUEUED.
 */
public enum OperationStatus {
  QUEUED,
  IN_FLIGHT,
  CONFIRMED,
  FAILED,
  CANCELLED;

  public boolean isFinal() {
    return this == CONFIRMED || this == FAILED || this == CANCELLED;
  }
}
