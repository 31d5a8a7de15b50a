package org.centurion.seatmanager.ops;

import org.jdbi.v3.core.Handle;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * What a feature does when the chain has judged one of its operations. Called inside the database
 * transaction that records the verdict, so the feature's state change (e.g. a seat transition with
 * its evidence) commits together with it, or not at all.
 */
public interface OperationOutcomes {
  /** The transaction succeeded and is at the confirmation depth. */
  void confirmed(Handle tx, Operation operation, TransactionReceipt receipt);

  /** The transaction reverted, or the operation was refused before signing (reason says which). */
  void failed(Handle tx, Operation operation, String reason);

  /**
   * Asked immediately before the executor commits a transaction intent for {@code operation}: the
   * feature's last look at the world (e.g. has someone else deposited for this pubkey meanwhile?).
   * A reason fails the operation unsigned, through {@link #failed}. Checks that cannot be made
   * (an endpoint down) should throw, so the operation is retried rather than failed.
   */
  default java.util.Optional<String> refusalBeforeSigning(Operation operation) {
    return java.util.Optional.empty();
  }

  OperationOutcomes NONE = new OperationOutcomes() {
    @Override
    public void confirmed(Handle tx, Operation operation, TransactionReceipt receipt) {}

    @Override
    public void failed(Handle tx, Operation operation, String reason) {}
  };
}
