package org.centurion.seatmanager.ops;

/**
 * Rebuilds what an operation must sign from the records it serves (for seat operations: the seat
 * or seat-request row, the stored deposit data, the configured contract addresses). Implemented
 * by the feature that owns those records, as {@link OperationOutcomes} is.
 */
public interface ExpectedCalls {
  /** @throws GuardRefusal when the operation cannot be rebuilt (no seat, unknown kind, inconsistent rows) */
  ExpectedCall expected(Operation operation);
}
