package org.centurion.seatmanager.ops;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.centurion.seatmanager.chain.AbiWords;
import org.centurion.seatmanager.chain.ChainErrorCode;
import org.centurion.seatmanager.chain.ChainException;
import org.centurion.seatmanager.chain.ContractRevertedException;
import org.centurion.seatmanager.chain.EndpointCrossCheck;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.chain.FeeOracle;
import org.centurion.seatmanager.chain.FeeSuggestion;
import org.centurion.seatmanager.signing.SignedTransaction;
import org.centurion.seatmanager.signing.SigningException;
import org.centurion.seatmanager.signing.TreasurySigner;
import org.centurion.seatmanager.store.RoleLock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Turns queued operations into confirmed transactions, crash-safely. Every tick, while this instance
 * holds the {@code executor} role lock:
 *
 * <ol>
 *   <li><b>Reconcile</b> every live intent of our sender, lowest nonce first: sign a PREPARED one
 *       (nothing of it left the process), re-send a SIGNED one's exact bytes, look up receipts of
 *       every hash ever signed for it, settle it at the confirmation depth, replace it at the same
 *       nonce with bumped fees when stuck, and declare it DROPPED when its nonce was consumed by a
 *       transaction that is none of ours.
 *   <li><b>Start</b> due QUEUED operations: cross-check the endpoints, estimate gas (a revert fails
 *       the operation with the decoded reason, consuming no nonce), take the nonce under a row lock
 *       and commit the intent, sign and commit the attempt, and only then broadcast.
 * </ol>
 *
 * An operation with an intent never gets a second one: its transaction could still land, so it is
 * only ever replaced at the same nonce.
 */
public final class OperationExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(OperationExecutor.class);

  /** What one tick did. */
  public record TickReport(boolean acting, int started, int settled) {
    static final TickReport IDLE = new TickReport(false, 0, 0);
  }

  private final Jdbi jdbi;
  private final RoleLock lock;
  private final ExecutionClient client;
  private final EndpointCrossCheck crossCheck;
  private final FeeOracle fees;
  private final TreasurySigner signer;
  private final ExecutorSettings settings;
  private final Map<OperationKind, OperationOutcomes> outcomes;
  private final Clock clock;
  private final PipelineProbe probe;
  private final SigningGuard guard;
  private final TxIntentStore store = new TxIntentStore();
  private final RevertReasons reasons = new RevertReasons();
  private final String sender;
  private final CountDownLatch stop = new CountDownLatch(1);
  private boolean reconciledSinceStart;

  /**
   * @param client the endpoint reads, receipts and broadcasts go to
   * @param crossCheck every configured endpoint, asked before a new intent is signed
   * @param outcomes per kind, what the feature does with the verdict; missing kinds do nothing
   * @param guard the treasury checks around every signature (issue 12): re-derivation, simulation, audit
   */
  public OperationExecutor(Jdbi jdbi, RoleLock lock, ExecutionClient client, EndpointCrossCheck crossCheck, FeeOracle fees,
      TreasurySigner signer, ExecutorSettings settings, Map<OperationKind, OperationOutcomes> outcomes, Clock clock,
      PipelineProbe probe, SigningGuard guard) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.lock = Objects.requireNonNull(lock, "lock");
    this.client = Objects.requireNonNull(client, "client");
    this.crossCheck = Objects.requireNonNull(crossCheck, "crossCheck");
    this.fees = Objects.requireNonNull(fees, "fees");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.outcomes = Map.copyOf(outcomes);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.probe = Objects.requireNonNull(probe, "probe");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.sender = signer.address().toLowerCase(Locale.ROOT);
  }

  /**
   * The production graph from configuration: the executor role lock on its own session, the first
   * endpoint for reads and broadcasts, all endpoints for the cross-check, fees under
   * {@code SEAT_MANAGER_MAX_FEE_GWEI}, depth {@code SEAT_MANAGER_CONFIRMATIONS}.
   *
   * @throws org.centurion.seatmanager.config.ConfigException when writes are disabled or no router is configured
   */
  public static OperationExecutor forConfig(org.centurion.seatmanager.config.Config config, Jdbi jdbi,
      org.centurion.seatmanager.chain.ChainClients clients, TreasurySigner signer, Map<OperationKind, OperationOutcomes> outcomes,
      SigningGuard guard) {
    if (!config.writes().enabled()) {
      throw new org.centurion.seatmanager.config.ConfigException("the executor needs SEAT_MANAGER_WRITES_ENABLED=true and a signer");
    }
    String router = config.chain().router().orElseThrow(() -> new org.centurion.seatmanager.config.ConfigException(
        "the executor needs SEAT_MANAGER_ROUTER_ADDRESS"));
    ExecutorSettings settings = ExecutorSettings.of(config.chain().chainId(), router, config.chain().confirmations());
    return new OperationExecutor(jdbi, new RoleLock(config.database(), "executor"), clients.primary(), clients.crossCheck(),
        new FeeOracle(org.centurion.seatmanager.chain.FeePolicy.withCapGwei(config.chain().maxFeeGwei())), signer, settings,
        outcomes, Clock.systemUTC(), PipelineProbe.NONE, guard);
  }

  public String sender() {
    return sender;
  }

  /** Ticks every {@link ExecutorSettings#cadence()} until {@link #stop()}; a failed tick is logged and retried. */
  public void run() {
    LOG.info("executor started for sender {} on chain {} via {}", sender, settings.chainId(), client.label());
    do {
      try {
        tick();
      } catch (RuntimeException e) {
        LOG.error("executor tick failed; retrying next tick: {}", e.toString());
      }
    } while (!awaitStop());
    LOG.info("executor stopped");
  }

  public void stop() {
    stop.countDown();
  }

  private boolean awaitStop() {
    try {
      return stop.await(settings.cadence().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** One round: reconcile every live intent, then start due operations. Does nothing without the role lock. */
  public synchronized TickReport tick() {
    if (!lock.tryAcquire()) {
      reconciledSinceStart = false;
      return TickReport.IDLE;
    }
    try {
      int settled = reconcile();
      int started = startDue();
      return new TickReport(true, started, settled);
    } catch (LockLostException e) {
      LOG.warn("executor paused: {}", e.getMessage());
      reconciledSinceStart = false;
      return TickReport.IDLE;
    }
  }

  // ------------------------------------------------------------------------------------ reconcile

  private int reconcile() {
    List<TxIntent> live = jdbi.withHandle(h -> store.live(h, settings.chainId(), sender));
    boolean firstSinceStart = !reconciledSinceStart;
    int settled = 0;
    if (!live.isEmpty()) {
      // Read the nonce before any receipt: if ours had been mined, its receipt exists by then.
      BigInteger latestNonce = client.transactionCount(sender, DefaultBlockParameterName.LATEST);
      BigInteger head = client.blockNumber();
      for (TxIntent intent : live) {
        try {
          settled += reconcile(intent, latestNonce, head, firstSinceStart) ? 1 : 0;
        } catch (ChainException | SigningException e) {
          LOG.warn("intent {} (operation {}, nonce {}) not advanced: {}", intent.id(), intent.operationId(), intent.nonce(),
              e.getMessage());
          jdbi.useHandle(h -> store.noteIntentError(h, intent.id(), e.getMessage()));
        }
      }
    }
    reconciledSinceStart = true;
    return settled;
  }

  /** @return true when the intent received its final verdict */
  private boolean reconcile(TxIntent intent, BigInteger latestNonce, BigInteger head, boolean firstSinceStart) {
    boolean nonceConsumed = latestNonce.compareTo(BigInteger.valueOf(intent.nonce())) > 0;
    if (intent.status() == TxIntent.Status.PREPARED) {
      if (nonceConsumed) {
        // Never signed, so the transaction that used this nonce cannot be ours.
        return drop(intent, List.of());
      }
      signAndSend(intent, 0, Optional.empty());
      return false;
    }
    probe.reached(PipelineProbe.Point.BEFORE_RECEIPT, intent.id());
    List<TxAttempt> attempts = jdbi.withHandle(h -> store.attempts(h, intent.id()));
    for (TxAttempt a : attempts) {
      Optional<TransactionReceipt> receipt = client.receipt(a.txHash());
      if (receipt.isPresent() && receipt.get().getBlockHash() != null) {
        return track(intent, a, receipt.get(), head);
      }
    }
    boolean reorgedOut = intent.status() == TxIntent.Status.MINED;
    if (reorgedOut) {
      LOG.warn("intent {}: transaction {} is no longer in the canonical chain; sending the same bytes again",
          intent.id(), intent.minedTxHash().orElse("?"));
      jdbi.useHandle(h -> store.unmine(h, intent));
    }
    if (nonceConsumed) {
      return drop(intent, attempts);
    }
    if (attempts.isEmpty()) {
      signAndSend(intent, 0, Optional.empty());
      return false;
    }
    TxAttempt newest = attempts.get(attempts.size() - 1);
    if (intent.status() == TxIntent.Status.SIGNED || firstSinceStart || reorgedOut) {
      // The same bytes, never a new signature: the node may or may not have them already.
      broadcast(intent, newest);
      return false;
    }
    Instant since = newest.broadcastAt().orElse(newest.signedAt());
    if (since.plus(settings.stuckAfter()).isBefore(clock.instant())) {
      LOG.warn("intent {} (nonce {}): {} not mined after {}; replacing it at the same nonce with higher fees",
          intent.id(), intent.nonce(), newest.txHash(), settings.stuckAfter());
      FeeSuggestion previous = new FeeSuggestion(newest.maxFeePerGas(), newest.maxPriorityFee(), BigInteger.ZERO);
      signAndSend(intent, attempts.size(), Optional.of(fees.replacement(previous, fees.suggest(client))));
    }
    return false;
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
      if (intent.status() != TxIntent.Status.MINED || !intent.minedTxHash().orElse("").equalsIgnoreCase(attempt.txHash())) {
        jdbi.useHandle(h -> store.markMined(h, intent, attempt.txHash(), block.longValueExact(), receipt.getBlockHash()));
      }
      return false;
    }
    boolean success = receipt.isStatusOK();
    requireLock();
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
        outcomesOf(op).confirmed(h, op, receipt);
        LOG.info("operation {} ({}) confirmed: {} in block {}", op.id(), op.kind(), attempt.txHash(), block);
      } else {
        outcomesOf(op).failed(h, op, error);
        LOG.warn("operation {} ({}) failed: {}", op.id(), op.kind(), error);
      }
      return true;
    });
  }

  private boolean drop(TxIntent intent, List<TxAttempt> attempts) {
    String reason = "nonce " + intent.nonce() + " of " + sender + " was consumed by a transaction that is none of ours"
        + (attempts.isEmpty() ? " (nothing had been signed)"
            : " (our hashes: " + String.join(", ", attempts.stream().map(TxAttempt::txHash).toList()) + ")")
        + ": was the treasury key used elsewhere?";
    requireLock();
    boolean dropped = jdbi.inTransaction(h -> {
      if (!store.drop(h, intent, attempts.size(), reason)) {
        return false;
      }
      store.finishInFlight(h, intent.operationId(), OperationStatus.FAILED, null, null, null, "DROPPED: " + reason);
      Operation op = store.operation(h, intent.operationId());
      outcomesOf(op).failed(h, op, "DROPPED: " + reason);
      return true;
    });
    if (dropped) {
      LOG.error("operation {}: intent {} DROPPED: {}", intent.operationId(), intent.id(), reason);
    }
    return dropped;
  }

  // ---------------------------------------------------------------------------------------- start

  private int startDue() {
    List<Operation> due = jdbi.withHandle(h -> store.due(h, clock.instant(), settings.batchSize()));
    if (due.isEmpty()) {
      return 0;
    }
    try {
      verifyEndpointsAgree();
    } catch (ChainException e) {
      LOG.warn("not signing anything new: {}", e.getMessage());
      Instant retryAt = clock.instant().plus(settings.retryDelay());
      jdbi.useHandle(h -> due.forEach(op -> store.defer(h, op.id(), e.getMessage(), retryAt)));
      return 0;
    }
    int started = 0;
    for (Operation op : due) {
      requireLock();
      try {
        started += start(op) ? 1 : 0;
      } catch (ChainException | SigningException e) {
        LOG.warn("operation {} ({}) not started: {}", op.id(), op.kind(), e.getMessage());
        Instant retryAt = clock.instant().plus(settings.retryDelay());
        jdbi.useHandle(h -> store.defer(h, op.id(), e.getMessage(), retryAt));
      }
    }
    return started;
  }

  /**
   * Before anything irreversible: enough endpoints agree on chain, head, our sender's nonce and the
   * router's active signer, and that signer is ours.
   */
  private void verifyEndpointsAgree() {
    EndpointCrossCheck.Result<List<Object>> agreed = crossCheck.agree("router signer and sender nonce", (c, block) -> {
      DefaultBlockParameter at = DefaultBlockParameter.valueOf(block);
      return List.of(AbiWords.address(c.call(null, settings.router(), RouterAbi.activeSigner(), at)),
          c.transactionCount(sender, at));
    });
    agreed.degraded().forEach(o -> LOG.warn("endpoint degraded (cross-check passed without it): {}", o));
    String activeSigner = (String) agreed.value().get(0);
    if (!activeSigner.equals(sender)) {
      throw new ChainException(ChainErrorCode.ENDPOINTS_DISAGREE,
          "the router's active signer is " + activeSigner + ", not our signer " + sender);
    }
  }

  private boolean start(Operation op) {
    try {
      guard.beforeSigning(op, null); // a forged or edited row fails here, before any feature code or nonce
    } catch (GuardRefusal r) {
      guard.refused(op, null, r);
      failUnsigned(op, r.reason());
      return false;
    }
    Optional<String> refusal = outcomesOf(op).refusalBeforeSigning(op);
    if (refusal.isPresent()) {
      failUnsigned(op, "refused before signing: " + refusal.get());
      return false;
    }
    String calldata = RouterAbi.execute(op.call());
    BigInteger estimate;
    try {
      estimate = client.estimateGas(sender, settings.router(), BigInteger.ZERO, calldata);
    } catch (ContractRevertedException e) {
      failUnsigned(op, "would revert: " + reasons.describe(e));
      return false;
    }
    BigInteger gasLimit = estimate.multiply(BigInteger.valueOf(100L + settings.gasMarginPercent())).divide(BigInteger.valueOf(100));
    BigInteger pending = client.transactionCount(sender, DefaultBlockParameterName.PENDING);
    requireLock();
    Optional<TxIntent> intent = jdbi.inTransaction(h -> {
      if (!store.claim(h, op.id())) {
        return Optional.<TxIntent>empty();
      }
      long nonce = store.takeNonce(h, settings.chainId(), sender, pending);
      return Optional.of(store.insertIntent(h, op.id(), settings.chainId(), sender, nonce, settings.router(), BigInteger.ZERO,
          calldata, gasLimit));
    });
    if (intent.isEmpty()) {
      return false;
    }
    LOG.info("operation {} ({}): intent {} at nonce {} committed", op.id(), op.kind(), intent.get().id(), intent.get().nonce());
    probe.reached(PipelineProbe.Point.AFTER_INTENT_COMMITTED, intent.get().id());
    try {
      signAndSend(intent.get(), 0, Optional.empty());
    } catch (ChainException | SigningException e) {
      // The intent stays; the next reconcile signs it. The operation is IN_FLIGHT and must not be deferred.
      LOG.warn("intent {} committed but not yet sent: {}", intent.get().id(), e.getMessage());
      jdbi.useHandle(h -> store.noteIntentError(h, intent.get().id(), e.getMessage()));
    }
    return true;
  }

  /** Fails a still-QUEUED operation that was never signed, with its feature's outcome in the same transaction. */
  private void failUnsigned(Operation op, String reason) {
    boolean failed = jdbi.inTransaction(h -> {
      if (!store.failQueued(h, op.id(), reason)) {
        return false;
      }
      Operation now = store.operation(h, op.id());
      outcomesOf(now).failed(h, now, reason);
      return true;
    });
    if (failed) {
      LOG.warn("operation {} ({}) failed before signing: {}", op.id(), op.kind(), reason);
    }
  }

  // ------------------------------------------------------------------------- sign and broadcast

  /**
   * Signs the intent's envelope (fresh fees, or {@code replacementFees}), commits the attempt, then
   * sends it. {@code priorAttempts} is what this decision was based on; if another instance signed
   * in between, our signature is discarded unsent.
   */
  private void signAndSend(TxIntent intent, int priorAttempts, Optional<FeeSuggestion> replacementFees) {
    FeeSuggestion fee = replacementFees.orElseGet(() -> fees.suggest(client));
    RawTransaction raw = RawTransaction.createTransaction(settings.chainId(), BigInteger.valueOf(intent.nonce()),
        intent.gasLimit(), intent.to(), intent.valueWei(), intent.calldata(), fee.maxPriorityFeePerGas(), fee.maxFeePerGas());
    requireLock();
    Operation op = jdbi.withHandle(h -> store.operation(h, intent.operationId()));
    SignedTransaction signed;
    try {
      ExpectedCall expected = guard.beforeSigning(op, intent);
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
    requireLock();
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
    broadcast(intent, attempt.get());
  }

  private void broadcast(TxIntent intent, TxAttempt attempt) {
    requireLock();
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
   * A refusal by the treasury checks: recorded and alerted; with nothing of the intent ever signed
   * and kept, the operation fails at once and the intent is dropped unsent (its nonce is reused by
   * the next intent). With earlier attempts committed, one of them may still land: the operation
   * stays in flight for the receipts to settle, and no new signature is made.
   */
  private void refuse(Operation op, TxIntent intent, int priorAttempts, GuardRefusal refusal) {
    guard.refused(op, intent, refusal);
    if (priorAttempts > 0) {
      throw new SigningException(org.centurion.seatmanager.signing.SigningErrorCode.POLICY_CALL_NOT_ALLOWED,
          "replacement not signed: " + refusal.reason());
    }
    requireLock();
    jdbi.useTransaction(h -> {
      if (store.drop(h, intent, 0, "REFUSED: " + refusal.reason())) {
        store.releaseNonce(h, intent);
        store.finishInFlight(h, op.id(), OperationStatus.FAILED, null, null, null, refusal.reason());
        Operation now = store.operation(h, op.id());
        outcomesOf(now).failed(h, now, refusal.reason());
      }
    });
  }

  private static boolean isAlreadyKnown(String nodeMessage) {
    String m = nodeMessage.toLowerCase(Locale.ROOT);
    return m.contains("already known") || m.contains("known transaction") || m.contains("already imported")
        || m.contains("already exists") || m.contains("already in the mempool");
  }

  private OperationOutcomes outcomesOf(Operation op) {
    return outcomes.getOrDefault(op.kind(), OperationOutcomes.NONE);
  }

  private void requireLock() {
    if (!lock.isHeld()) {
      throw new LockLostException("the '" + lock.role() + "' role lock was lost; another instance may act now");
    }
  }

  private static final class LockLostException extends RuntimeException {
    LockLostException(String message) {
      super(message);
    }
  }
}
