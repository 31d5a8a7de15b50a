package org.centurion.seatmanager.ops;

/**
 * Observes the executor passing the points where a crash matters. Production passes {@link #NONE};
 * the crash tests pass a probe that stops the process right there, to prove every point recovers.
 */
@FunctionalInterface
public interface PipelineProbe {
  enum Point {
    /** The intent row (nonce fixed) committed; nothing signed yet. */
    AFTER_INTENT_COMMITTED,
    /** A signed attempt committed; not yet handed to any node. */
    AFTER_ATTEMPT_COMMITTED,
    /** A node accepted the transaction; that it was sent is not yet recorded. */
    AFTER_BROADCAST,
    /** The transaction is recorded as sent; its receipt is about to be looked up. */
    BEFORE_RECEIPT
  }

  void reached(Point point, long intentId);

  PipelineProbe NONE = (point, intentId) -> {};
}
