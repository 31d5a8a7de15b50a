package org.centurion.seatmanager.ops;

import java.util.List;
import org.centurion.seatmanager.signing.SignedTransaction;
import org.centurion.seatmanager.signing.SigningJustification;

/**
 * The {@link SigningGuard} of the pipeline-mechanics tests (nonces, crashes, reorgs, leadership),
 * whose operations are router payments to fresh addresses so that balances count effects exactly:
 * it signs what the row says. The treasury checks themselves are proven by
 * {@code TreasuryCompromiseMatrixTest} and the seat lifecycle tests, which use the real guard.
 */
final class PipelineMechanicsGuard implements SigningGuard {
  static final PipelineMechanicsGuard INSTANCE = new PipelineMechanicsGuard();

  @Override
  public ExpectedCall beforeSigning(Operation op, TxIntent intent) {
    return new ExpectedCall(op.call(), SigningJustification.NONE, List.of(), List.of());
  }

  @Override
  public void beforeSending(ExpectedCall expected, TxIntent intent, SignedTransaction signed) {}

  @Override
  public void signed(Operation op, TxIntent intent, SignedTransaction signed) {}

  @Override
  public void broadcast(TxIntent intent, String txHash, String outcome) {}

  @Override
  public void refused(Operation op, TxIntent intent, GuardRefusal refusal) {}
}
