package org.centurion.seatmanager.ops;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.chain.ChainErrorCode;
import org.centurion.seatmanager.chain.ChainException;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.chain.FeeSuggestion;
import org.centurion.seatmanager.signing.SigningException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Moves every live intent of our sender one step, lowest nonce first: signs a PREPARED one (nothing
 * of it left the process), re-sends a SIGNED one's exact bytes, looks up the receipts of every hash
 * ever signed for it, settles it at the confirmation depth, replaces it at the same nonce with
 * bumped fees when stuck, and declares it DROPPED when its nonce was consumed by a transaction that
 * is none of ours. One intent's failure is noted on it and never stops the others.
 */
final class IntentReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(IntentReconciler.class);

  private final Jdbi jdbi;
  private final ExecutorLock lock;
  private final ExecutionClient client;
  private final TransactionSender sender;
  private final ExecutorSettings settings;
  private final FeatureOutcomes outcomes;
  private final TxIntentStore store;
  private final Clock clock;
  private final PipelineProbe probe;
  private final ChainVerdicts verdicts;

  IntentReconciler(Jdbi jdbi, ExecutorLock lock, ExecutionClient client, TransactionSender sender, ExecutorSettings settings,
      FeatureOutcomes outcomes, TxIntentStore store, Clock clock, PipelineProbe probe, ChainVerdicts verdicts) {
    this.jdbi = jdbi;
    this.lock = lock;
    this.client = client;
    this.sender = sender;
    this.settings = settings;
    this.outcomes = outcomes;
    this.store = store;
    this.clock = clock;
    this.probe = probe;
    this.verdicts = verdicts;
  }

  /** @return how many intents received their final verdict */
  int reconcile(List<TxIntent> live, ChainView chain, boolean firstSinceStart) {
    int settled = 0;
    for (TxIntent intent : live) {
      try {
        settled += reconcile(intent, chain, firstSinceStart) ? 1 : 0;
      } catch (ExecutorLock.LostException e) {
        throw e;
      } catch (RuntimeException e) {
        // One intent's trouble (a node error, or its feature's outcome failing) never holds the others.
        String error = e instanceof ChainException || e instanceof SigningException ? e.getMessage() : e.toString();
        LOG.warn("intent {} (operation {}, nonce {}) not advanced: {}", intent.id(), intent.operationId(), intent.nonce(),
            error);
        jdbi.useHandle(h -> store.noteIntentError(h, intent.id(), error));
      }
    }
    return settled;
  }

  /** @return true when the intent received its final verdict */
  private boolean reconcile(TxIntent intent, ChainView chain, boolean firstSinceStart) {
    boolean nonceConsumed = chain.consumed(intent.nonce());
    if (intent.status() == TxIntent.Status.PREPARED) {
      if (nonceConsumed) {
        // Never signed, so the transaction that used this nonce cannot be ours.
        return drop(intent, List.of());
      }
      signPrepared(intent);
      return false;
    }
    probe.reached(PipelineProbe.Point.BEFORE_RECEIPT, intent.id());
    List<TxAttempt> attempts = jdbi.withHandle(h -> store.attempts(h, intent.id()));
    for (TxAttempt a : attempts) {
      Optional<TransactionReceipt> receipt = client.receipt(a.txHash());
      if (receipt.isPresent() && receipt.get().getBlockHash() != null) {
        return track(intent, a, receipt.get(), chain.head());
      }
    }
    boolean reorgedOut = intent.status() == TxIntent.Status.MINED;
    if (reorgedOut) {
      String note = "REORG: transaction " + intent.minedTxHash().orElse("?") + " in block " + intent.minedBlock().orElse(-1L)
          + " (" + intent.minedBlockHash().orElse("?") + ") is no longer in the canonical chain; sending the same bytes again";
      LOG.warn("intent {} (operation {}): {}", intent.id(), intent.operationId(), note);
      jdbi.useTransaction(h -> {
        store.unmine(h, intent);
        store.noteReorg(h, intent.operationId(), note);
      });
    }
    if (nonceConsumed) {
      return drop(intent, attempts);
    }
    if (attempts.isEmpty()) {
      sender.signAndSend(intent, 0, sender.currentFees());
      return false;
    }
    TxAttempt newest = attempts.get(attempts.size() - 1);
    if (intent.status() == TxIntent.Status.SIGNED || firstSinceStart || reorgedOut) {
      // The same bytes, never a new signature: the node may or may not have them already.
      sender.broadcast(intent, newest);
      return false;
    }
    Instant since = newest.broadcastAt().orElse(newest.signedAt());
    if (since.plus(settings.stuckAfter()).isBefore(clock.instant())) {
      LOG.warn("intent {} (nonce {}): {} not mined after {}; replacing it at the same nonce with higher fees",
          intent.id(), intent.nonce(), newest.txHash(), settings.stuckAfter());
      sender.signAndSend(intent, attempts.size(), sender.replacementFees(newest));
    }
    return false;
  }

  /**
   * Signs an intent that holds a nonce but was never signed (a crash, or fees that rose since it was
   * committed). When fees are above the cap it gives its nonce back and its operation waits QUEUED:
   * an unsigned intent must not hold a nonce that the transactions behind it need.
   */
  private void signPrepared(TxIntent intent) {
    FeeSuggestion fee;
    try {
      fee = sender.currentFees();
    } catch (ChainException e) {
      if (e.code() != ChainErrorCode.FEE_CAP_EXCEEDED) {
        throw e;
      }
      String reason = "waiting for fees under the cap: " + e.getMessage();
      lock.require();
      boolean released = jdbi.inTransaction(h -> store.release(h, intent, reason, clock.instant().plus(settings.retryDelay())));
      if (released) {
        LOG.warn("intent {} (operation {}) gave back nonce {} unsigned: {}", intent.id(), intent.operationId(),
            intent.nonce(), reason);
      }
      return;
    }
    sender.signAndSend(intent, 0, fee);
  }

  private boolean track(TxIntent intent, TxAttempt attempt, TransactionReceipt receipt, BigInteger head) {
    BigInteger block = receipt.getBlockNumber();
    String canonical = client.block(block).hash();
    if (!canonical.equalsIgnoreCase(receipt.getBlockHash())) {
      LOG.warn("intent {}: receipt of {} names block {} which is not canonical at height {}; waiting",
          intent.id(), attempt.txHash(), receipt.getBlockHash(), block);
      return false;
    }
    long depth = head.subtract(block).longValueExact() + 1;
    if (depth < settings.confirmations()) {
      if (intent.status() != TxIntent.Status.MINED || !intent.minedTxHash().orElse("").equalsIgnoreCase(attempt.txHash())
          || !intent.minedBlockHash().orElse("").equalsIgnoreCase(receipt.getBlockHash())) {
        jdbi.useHandle(h -> store.markMined(h, intent, attempt.txHash(), block.longValueExact(), receipt.getBlockHash()));
      }
      return false;
    }
    // the verdict moves money and seats: the primary's receipt alone never decides it
    verdicts.requireAgreedReceipt(attempt.txHash(), receipt, settings.confirmations());
    boolean success = receipt.isStatusOK();
    lock.require();
    return jdbi.inTransaction(h -> {
      TxIntent.Status verdict = success ? TxIntent.Status.CONFIRMED : TxIntent.Status.REVERTED;
      if (!store.settle(h, intent, verdict, attempt.txHash(), block.longValueExact(), receipt.getBlockHash())) {
        return false;
      }
      String error = success ? null : "transaction " + attempt.txHash() + " reverted in block " + block;
      store.finishInFlight(h, intent.operationId(), success ? OperationStatus.CONFIRMED : OperationStatus.FAILED,
          attempt.txHash(), block.longValueExact(), receipt.getBlockHash(), error);
      Operation op = store.operation(h, intent.operationId());
      if (success) {
        outcomes.of(op).confirmed(h, op, receipt);
        LOG.info("operation {} ({}) confirmed: {} in block {}", op.id(), op.kind(), attempt.txHash(), block);
      } else {
        outcomes.of(op).failed(h, op, error);
        LOG.warn("operation {} ({}) failed: {}", op.id(), op.kind(), error);
      }
      return true;
    });
  }

  /**
   * A final verdict on a nonce read at the start of the tick would wrongly fail an operation whose
   * block a reorg took in between: the nonce must still be consumed, now, at the confirmation depth,
   * and none of our hashes have a receipt (read after the nonce, so one of ours mined by then shows).
   */
  private boolean stillConsumedByAnother(TxIntent intent, List<TxAttempt> attempts) {
    BigInteger head = client.blockNumber();
    BigInteger atDepth = head.subtract(BigInteger.valueOf(settings.confirmations() - 1L)).max(BigInteger.ZERO);
    BigInteger count = client.transactionCount(intent.sender(), DefaultBlockParameter.valueOf(atDepth));
    if (count.compareTo(BigInteger.valueOf(intent.nonce())) <= 0) {
      LOG.info("intent {}: nonce {} is not consumed at the confirmation depth (block {}); waiting", intent.id(),
          intent.nonce(), atDepth);
      return false;
    }
    for (TxAttempt a : attempts) {
      if (client.receipt(a.txHash()).isPresent()) {
        return false;
      }
    }
    // the primary says DROPPED; the verdict fails the operation, so the endpoints must agree
    if (!verdicts.consumedByAnother(intent.sender(), intent.nonce(), settings.confirmations(),
        attempts.stream().map(TxAttempt::txHash).toList())) {
      LOG.warn("intent {}: the primary endpoint reports nonce {} consumed by another transaction, the cross-check does not;"
          + " waiting", intent.id(), intent.nonce());
      return false;
    }
    return true;
  }

  private boolean drop(TxIntent intent, List<TxAttempt> attempts) {
    if (!stillConsumedByAnother(intent, attempts)) {
      return false;
    }
    String reason = "nonce " + intent.nonce() + " of " + intent.sender() + " was consumed by a transaction that is none of ours"
        + (attempts.isEmpty() ? " (nothing had been signed)"
            : " (our hashes: " + String.join(", ", attempts.stream().map(TxAttempt::txHash).toList()) + ")")
        + ": was the treasury key used elsewhere?";
    lock.require();
    boolean dropped = jdbi.inTransaction(h -> {
      if (!store.drop(h, intent, attempts.size(), reason)) {
        return false;
      }
      store.finishInFlight(h, intent.operationId(), OperationStatus.FAILED, null, null, null, "DROPPED: " + reason);
      Operation op = store.operation(h, intent.operationId());
      outcomes.of(op).failed(h, op, "DROPPED: " + reason);
      return true;
    });
    if (dropped) {
      LOG.error("operation {}: intent {} DROPPED: {}", intent.operationId(), intent.id(), reason);
    }
    return dropped;
  }
}
