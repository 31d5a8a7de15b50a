package org.centurion.seatmanager.ops;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.MoveHolds;
import org.centurion.seatmanager.chain.ContractRevertedException;
import org.centurion.seatmanager.chain.EndpointCrossCheck;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.problem.ErrorCodes;

/**
 * The last looks at an operation before a nonce is taken for it, in order. A refusal fails the
 * operation for good, unsigned, with its reason (the world says no: someone front-ran the deposit,
 * the call would revert); the executor then moves on to the next operation. A check that cannot be
 * made (an endpoint down) throws instead, and the operation is retried later without holding the queue.
 * Right after the treasury guard, an open alert that holds moves ({@link MoveHolds}): a FINALITY_CONFLICT makes every
 * operation wait, unsigned and holding no nonce, until it clears; a withdrawal-credentials mismatch
 * refuses the operations of its seat. A further check before signing goes here, as one more step of
 * {@link #check}.
 */
final class PreSigningChecks {
  /** What the checks concluded: a reason to wait, a reason to refuse, or the gas limit to sign with. */
  record Verdict(Optional<String> holdReason, Optional<String> refusal, BigInteger gasLimit) {
    static Verdict waiting(String reason) {
      return new Verdict(Optional.of(reason), Optional.empty(), BigInteger.ZERO);
    }

    static Verdict refused(String reason) {
      return new Verdict(Optional.empty(), Optional.of(reason), BigInteger.ZERO);
    }

    static Verdict cleared(BigInteger gasLimit) {
      return new Verdict(Optional.empty(), Optional.empty(), gasLimit);
    }
  }

  private final ExecutionClient client;
  private final ExecutorSettings settings;
  private final FeatureOutcomes outcomes;
  private final String sender;
  private final MoveHolds holds;
  private final RevertReasons reasons = new RevertReasons();
  private final SigningGuard guard;
  private final EndpointCrossCheck crossCheck;

  /** The other endpoints: a gas estimate (and its "would revert") is never the primary's word alone. */
  private final List<ExecutionClient> others;

  PreSigningChecks(ExecutionClient client, ExecutorSettings settings, FeatureOutcomes outcomes, String sender, SigningGuard guard,
      MoveHolds holds, EndpointCrossCheck crossCheck) {
    this.client = client;
    this.crossCheck = crossCheck;
    this.others = crossCheck.clients().stream().filter(c -> c != client).toList();
    this.holds = holds;
    this.settings = settings;
    this.outcomes = outcomes;
    this.sender = sender;
    this.guard = guard;
  }

  static final String ENDPOINTS_DISAGREE = "ENDPOINTS_DISAGREE";

  /** The read name of the gas estimate in alerts and the health report. */
  static final String READ_GAS_ESTIMATE = "gas estimate";

  /** Honest implementations' estimates differ by a few percent; a small gas margin must not refuse them. */
  static final int MIN_ESTIMATE_TOLERANCE_PERCENT = 10;

  private BigInteger estimateOn(ExecutionClient endpoint, String calldata) {
    return endpoint.estimateGas(sender, settings.router(), BigInteger.ZERO, calldata);
  }

  /** The label of another endpoint that estimates the call without a revert, if any. */
  private Optional<String> answeringWithoutRevert(String calldata) {
    for (ExecutionClient other : others) {
      try {
        other.estimateGas(sender, settings.router(), BigInteger.ZERO, calldata);
        return Optional.of(other.label());
      } catch (org.centurion.seatmanager.chain.ChainException e) {
        // reverts there too, or cannot answer
      }
    }
    return Optional.empty();
  }

  Verdict check(Operation op, String calldata) {
    try {
      // Issue 12: a forged or edited row fails here, before any feature code runs or a nonce is taken.
      guard.beforeSigning(op, null);
    } catch (GuardRefusal r) {
      guard.refused(op, null, r);
      return Verdict.refused(r.reason());
    }
    Optional<MoveHolds.Hold> hold = op.seatId().isPresent() ? holds.onSeat(op.seatId().get()) : holds.onEveryMove();
    if (hold.isPresent() && hold.get().kind() == AlertKind.FINALITY_CONFLICT) {
      return Verdict.waiting(ErrorCodes.FINALITY_CONFLICT + ": " + hold.get().reason());
    }
    if (hold.isPresent()) {
      return Verdict.refused(ErrorCodes.WITHDRAWAL_CREDENTIALS_MISMATCH + ": " + hold.get().reason());
    }
    Optional<String> featureRefusal = outcomes.of(op).refusalBeforeSigning(op);
    if (featureRefusal.isPresent()) {
      return Verdict.refused("refused before signing: " + featureRefusal.get());
    }
    BigInteger estimate;
    try {
      // The simulation: the whole router call, from our sender, against the latest state.
      estimate = client.estimateGas(sender, settings.router(), BigInteger.ZERO, calldata);
    } catch (ContractRevertedException e) {
      Optional<String> answered = answeringWithoutRevert(calldata);
      if (answered.isPresent()) {
        // one endpoint's revert is not the chain's: wait, unsigned, until they agree
        return Verdict.waiting(ENDPOINTS_DISAGREE + ": " + client.label() + " says the call would revert, " + answered.get()
            + " estimates it");
      }
      return Verdict.refused("would revert: " + reasons.describe(e));
    }
    // Every endpoint's estimate, the highest taken: a lying low one cannot make the transaction run
    // out of gas; one further from the others than the margin we add is refused (and alerted), not signed.
    BigInteger agreed = crossCheck.highestWithin(READ_GAS_ESTIMATE, endpoint -> estimateOn(endpoint, calldata),
        Math.max(settings.gasMarginPercent(), MIN_ESTIMATE_TOLERANCE_PERCENT)).value();
    estimate = estimate.max(agreed);
    return Verdict.cleared(estimate.multiply(BigInteger.valueOf(100L + settings.gasMarginPercent())).divide(BigInteger.valueOf(100)));
  }
}
