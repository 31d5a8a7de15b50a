package org.centurion.seatmanager.ops;

import java.math.BigInteger;
import java.util.List;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.centurion.seatmanager.chain.ChainErrorCode;
import org.centurion.seatmanager.chain.ChainException;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.chain.FeeOracle;
import org.centurion.seatmanager.chain.FeeSuggestion;
import org.centurion.seatmanager.signing.SignedTransaction;
import org.centurion.seatmanager.signing.SigningException;
import org.centurion.seatmanager.signing.TreasurySigner;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.RawTransaction;

/**
 * Signs an intent's envelope, commits the attempt, and only then hands its bytes to the node. The
 * one place where a transaction leaves the process: a check that must hold immediately before the
 * bytes go out belongs in {@link #signAndSend} between the committed attempt and {@link #broadcast}.
 * The emergency pause ({@link EmergencyPause}) is read immediately before every signature: while it
 * holds, {@link #signAndSend} throws {@link EmergencyPause.Paused} and nothing is signed.
 */
final class TransactionSender {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionSender.class);

  private final Jdbi jdbi;
  private final ExecutorLock lock;
  private final ExecutionClient client;
  private final FeeOracle fees;
  private final TreasurySigner signer;
  private final ExecutorSettings settings;
  private final TxIntentStore store;
  private final Clock clock;
  private final PipelineProbe probe;
  private final SigningGuard guard;
  private final FeatureOutcomes outcomes;

  /** Every configured endpoint: fees are never one endpoint's word ({@link FeeOracle#suggest(List)}). */
  private final List<ExecutionClient> feeSources;
  private final java.time.Duration feeDeadline;

  TransactionSender(Jdbi jdbi, ExecutorLock lock, ExecutionClient client, FeeOracle fees, TreasurySigner signer,
      ExecutorSettings settings, TxIntentStore store, Clock clock, PipelineProbe probe, SigningGuard guard,
      FeatureOutcomes outcomes, List<ExecutionClient> feeSources, java.time.Duration feeDeadline) {
    this.feeSources = List.copyOf(feeSources);
    this.feeDeadline = feeDeadline;
    this.guard = guard;
    this.outcomes = outcomes;
    this.jdbi = jdbi;
    this.lock = lock;
    this.client = client;
    this.fees = fees;
    this.signer = signer;
    this.settings = settings;
    this.store = store;
    this.clock = clock;
    this.probe = probe;
  }

  /**
   * Fees for a first signature now.
   *
   * @throws ChainException {@link ChainErrorCode#FEE_CAP_EXCEEDED} when the network asks more than the cap
   */
  FeeSuggestion currentFees() {
    return fees.suggest(feeSources, feeDeadline);
  }

  /** Fees to replace {@code newest} at its nonce: higher than it by the node's rule, still under the cap. */
  FeeSuggestion replacementFees(TxAttempt newest) {
    FeeSuggestion previous = new FeeSuggestion(newest.maxFeePerGas(), newest.maxPriorityFee(), BigInteger.ZERO);
    return fees.replacement(previous, fees.suggest(feeSources, feeDeadline));
  }

  /**
   * Signs the intent's envelope with {@code fee}, commits the attempt, then sends it.
   * {@code priorAttempts} is what this decision was based on; if another instance signed in between,
   * our signature is discarded unsent.
   */
  void signAndSend(TxIntent intent, int priorAttempts, FeeSuggestion fee) {
    RawTransaction raw = RawTransaction.createTransaction(settings.chainId(), BigInteger.valueOf(intent.nonce()),
        intent.gasLimit(), intent.to(), intent.valueWei(), intent.calldata(), fee.maxPriorityFeePerGas(), fee.maxFeePerGas());
    lock.require();
    Operation op = jdbi.withHandle(h -> store.operation(h, intent.operationId()));
    SignedTransaction signed;
    try {
      // Issue 12: rebuilt from the seat rows, signed under the treasury policy, simulated before it can leave.
      ExpectedCall expected = guard.beforeSigning(op, intent);
      // Issue 15: the emergency pause, read from the database right before the key is asked, on every instance.
      jdbi.useHandle(EmergencyPause::requireRunning);
      signed = signer.sign(raw, settings.chainId(), expected.justification());
      if (!signed.from().equalsIgnoreCase(intent.sender())) {
        throw new IllegalStateException("signer produced a transaction from " + signed.from() + ", intent is from " + intent.sender());
      }
      guard.beforeSending(expected, intent, signed);
    } catch (GuardRefusal refusal) {
      refuse(op, intent, priorAttempts, refusal);
      return;
    } catch (SigningException e) {
      if (!e.code().name().startsWith("POLICY_")) {
        throw e;
      }
      refuse(op, intent, priorAttempts, new GuardRefusal(GuardRefusal.Code.POLICY_REFUSED, e.code() + ": " + e.getMessage()));
      return;
    }
    lock.require();
    Optional<TxAttempt> attempt = jdbi.inTransaction(h -> store.insertAttempt(h, intent, priorAttempts, signed.hash(),
        signed.rawHex(), fee.maxFeePerGas(), fee.maxPriorityFeePerGas(), clock.instant()));
    if (attempt.isEmpty()) {
      LOG.warn("intent {}: another instance signed it meanwhile; discarding our unsent signature {}", intent.id(), signed.hash());
      return;
    }
    LOG.info("intent {} (nonce {}): signed {} (maxFee {} wei, tip {} wei)", intent.id(), intent.nonce(), signed.hash(),
        fee.maxFeePerGas(), fee.maxPriorityFeePerGas());
    guard.signed(op, intent, signed);
    probe.reached(PipelineProbe.Point.AFTER_ATTEMPT_COMMITTED, intent.id());
    // Before broadcast: the attempt is committed, nothing has left the process yet.
    broadcast(intent, attempt.get());
  }

  /** Sends an attempt's exact bytes (first time or again); the outcome is recorded on the attempt. */
  void broadcast(TxIntent intent, TxAttempt attempt) {
    lock.require();
    try {
      client.broadcast(attempt.asSigned(intent));
      guard.broadcast(intent, attempt.txHash(), "accepted");
    } catch (ChainException e) {
      if (e.code() == ChainErrorCode.BROADCAST_REJECTED && isAlreadyKnown(e.getMessage())) {
        LOG.info("intent {}: node already has {}", intent.id(), attempt.txHash());
        guard.broadcast(intent, attempt.txHash(), "known");
      } else {
        // Outcome unknown or refused (e.g. nonce too low): the receipts and the nonce tell on the next tick.
        LOG.warn("intent {}: broadcast of {} not accepted: {}", intent.id(), attempt.txHash(), e.getMessage());
        guard.broadcast(intent, attempt.txHash(), e.code().name());
        jdbi.useHandle(h -> store.markBroadcastFailed(h, attempt, e.getMessage()));
        return;
      }
    }
    probe.reached(PipelineProbe.Point.AFTER_BROADCAST, intent.id());
    jdbi.useHandle(h -> store.markBroadcast(h, attempt, clock.instant()));
  }

  /**
   * A refusal by the treasury checks (issue 12): recorded and alerted. With nothing of the intent
   * signed and kept, the operation fails at once and the unsigned intent is discarded, freeing its
   * nonce for the next operation. With earlier attempts committed, one of
   * them may still land: no new signature is made and the receipts settle the operation.
   */
  private void refuse(Operation op, TxIntent intent, int priorAttempts, GuardRefusal refusal) {
    guard.refused(op, intent, refusal);
    if (priorAttempts > 0) {
      throw new SigningException(org.centurion.seatmanager.signing.SigningErrorCode.POLICY_CALL_NOT_ALLOWED,
          "replacement not signed: " + refusal.reason());
    }
    lock.require();
    jdbi.useTransaction(h -> {
      if (store.discardUnsigned(h, intent)) {
        store.finishInFlight(h, op.id(), OperationStatus.FAILED, null, null, null, refusal.reason());
        Operation now = store.operation(h, op.id());
        outcomes.of(now).failed(h, now, refusal.reason());
      }
    });
  }

  private static boolean isAlreadyKnown(String nodeMessage) {
    String m = nodeMessage.toLowerCase(Locale.ROOT);
    return m.contains("already known") || m.contains("known transaction") || m.contains("already imported")
        || m.contains("already exists") || m.contains("already in the mempool");
  }
}
