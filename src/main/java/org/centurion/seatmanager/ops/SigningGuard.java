package org.centurion.seatmanager.ops;

import org.centurion.seatmanager.signing.SignedTransaction;

/**
 * The executor's treasury checks (issue 12), at three seams of signing: before the key is asked
 * ({@link #beforeSigning}), after signing and before anything is recorded or sent
 * ({@link #beforeSending}), and the record of what was signed and sent. A {@link GuardRefusal}
 * from either check means the operation must fail unsent.
 */
public interface SigningGuard {
  /**
   * Rebuilds what {@code op} must sign and checks that the operation row and the intent row (when
   * {@code intent} is not null: before the intent exists, only the operation row) still say exactly that.
   *
   * @return the rebuilt call, whose justification goes to the signer
   */
  ExpectedCall beforeSigning(Operation op, TxIntent intent);

  /** Runs the exact signed call at a pinned block and checks its effects against {@code expected}. */
  void beforeSending(ExpectedCall expected, TxIntent intent, SignedTransaction signed);

  /** Appends the audit row of a signature (operation, intent, nonce, hash, decoded call). */
  void signed(Operation op, TxIntent intent, SignedTransaction signed);

  /** Appends the audit row of a broadcast and its outcome ({@code accepted}, {@code known} or the node's refusal). */
  void broadcast(TxIntent intent, String txHash, String outcome);

  /** Records a refusal: a DENIED audit row and a CRITICAL alert. */
  void refused(Operation op, TxIntent intent, GuardRefusal refusal);
}
