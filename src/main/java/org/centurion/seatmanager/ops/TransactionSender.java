package org.centurion.seatmanager.ops;

import java.math.BigInteger;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.centurion.seatmanager.chain.ChainErrorCode;
import org.centurion.seatmanager.chain.ChainException;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.chain.FeeOracle;
import org.centurion.seatmanager.chain.FeeSuggestion;
import org.centurion.seatmanager.signing.SignedTransaction;
import org.centurion.seatmanager.signing.TreasurySigner;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.RawTransaction;

/**
 * Signs an intent's envelope, commits the attempt, and only then hands its bytes to the node. The
 * one place where a transaction leaves the process: a check that must hold immediately before the
 * bytes go out belongs in {@link #signAndSend} between the committed attempt and {@link #broadcast}.
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

  TransactionSender(Jdbi jdbi, ExecutorLock lock, ExecutionClient client, FeeOracle fees, TreasurySigner signer,
      ExecutorSettings settings, TxIntentStore store, Clock clock, PipelineProbe probe) {
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
    return fees.suggest(client);
  }

  /** Fees to replace {@code newest} at its nonce: higher than it by the node's rule, still under the cap. */
  FeeSuggestion replacementFees(TxAttempt newest) {
    FeeSuggestion previous = new FeeSuggestion(newest.maxFeePerGas(), newest.maxPriorityFee(), BigInteger.ZERO);
    return fees.replacement(previous, fees.suggest(client));
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
    SignedTransaction signed = signer.sign(raw, settings.chainId());
    if (!signed.from().equalsIgnoreCase(intent.sender())) {
      throw new IllegalStateException("signer produced a transaction from " + signed.from() + ", intent is from " + intent.sender());
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
    probe.reached(PipelineProbe.Point.AFTER_ATTEMPT_COMMITTED, intent.id());
    // Before broadcast: the attempt is committed, nothing has left the process yet.
    broadcast(intent, attempt.get());
  }

  /** Sends an attempt's exact bytes (first time or again); the outcome is recorded on the attempt. */
  void broadcast(TxIntent intent, TxAttempt attempt) {
    lock.require();
    try {
      client.broadcast(attempt.asSigned(intent));
    } catch (ChainException e) {
      if (e.code() == ChainErrorCode.BROADCAST_REJECTED && isAlreadyKnown(e.getMessage())) {
        LOG.info("intent {}: node already has {}", intent.id(), attempt.txHash());
      } else {
        // Outcome unknown or refused (e.g. nonce too low): the receipts and the nonce tell on the next tick.
        LOG.warn("intent {}: broadcast of {} not accepted: {}", intent.id(), attempt.txHash(), e.getMessage());
        jdbi.useHandle(h -> store.markBroadcastFailed(h, attempt, e.getMessage()));
        return;
      }
    }
    probe.reached(PipelineProbe.Point.AFTER_BROADCAST, intent.id());
    jdbi.useHandle(h -> store.markBroadcast(h, attempt, clock.instant()));
  }

  private static boolean isAlreadyKnown(String nodeMessage) {
    String m = nodeMessage.toLowerCase(Locale.ROOT);
    return m.contains("already known") || m.contains("known transaction") || m.contains("already imported")
        || m.contains("already exists") || m.contains("already in the mempool");
  }
}
