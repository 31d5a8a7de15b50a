package org.centurion.seatmanager.ops;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.Severity;
import org.centurion.seatmanager.chain.AbiWords;
import org.centurion.seatmanager.chain.ChainErrorCode;
import org.centurion.seatmanager.chain.ChainException;
import org.centurion.seatmanager.chain.EndpointCrossCheck;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.chain.FeeSuggestion;
import org.centurion.seatmanager.signing.SigningException;
import org.centurion.seatmanager.store.DatabaseUnavailable;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Starts due QUEUED operations, oldest first: cross-checks the endpoints once, then per operation
 * runs the {@link PreSigningChecks} (a refusal fails it unsigned, consuming no nonce), takes fees
 * (above the cap: it waits, holding no nonce), takes the nonce under the ledger's row lock and
 * commits the intent, and hands it to the {@link TransactionSender}. Whatever goes wrong with one
 * operation is recorded on it and the next one is started all the same: nothing holds the queue.
 */
final class OperationStarter {
  private static final Logger LOG = LoggerFactory.getLogger(OperationStarter.class);

  /** What one round of starting did; {@code pausedReason} says why nothing new was signed at all. */
  record Report(int started, Optional<String> pausedReason) {}

  private final Jdbi jdbi;
  private final ExecutorLock lock;
  private final EndpointCrossCheck crossCheck;
  private final PreSigningChecks checks;
  private final TransactionSender sender;
  private final ExecutorSettings settings;
  private final FeatureOutcomes outcomes;
  private final TxIntentStore store;
  private final ExecutorAlerts alerts;
  private final Clock clock;
  private final PipelineProbe probe;
  private final String senderAddress;

  OperationStarter(Jdbi jdbi, ExecutorLock lock, EndpointCrossCheck crossCheck, PreSigningChecks checks,
      TransactionSender sender, ExecutorSettings settings, FeatureOutcomes outcomes, TxIntentStore store, ExecutorAlerts alerts,
      Clock clock, PipelineProbe probe, String senderAddress) {
    this.jdbi = jdbi;
    this.lock = lock;
    this.crossCheck = crossCheck;
    this.checks = checks;
    this.sender = sender;
    this.settings = settings;
    this.outcomes = outcomes;
    this.store = store;
    this.alerts = alerts;
    this.clock = clock;
    this.probe = probe;
    this.senderAddress = senderAddress;
  }

  Report startDue() {
    EmergencyPause.State pause = jdbi.withHandle(EmergencyPause::current);
    if (pause.paused()) {
      // Issue 15: queued operations stay queued, untouched; the heartbeat tells the dashboard why.
      return new Report(0, Optional.of(EmergencyPause.PAUSED + ": " + pause.describe()));
    }
    List<Operation> due = jdbi.withHandle(h -> store.due(h, clock.instant(), settings.batchSize()));
    if (due.isEmpty()) {
      return new Report(0, Optional.empty());
    }
    BigInteger agreedNonce;
    try {
      agreedNonce = verifyEndpointsAgree();
    } catch (ChainException e) {
      LOG.warn("not signing anything new: {}", e.getMessage());
      Instant retryAt = clock.instant().plus(settings.retryDelay());
      jdbi.useHandle(h -> due.forEach(op -> store.defer(h, op.id(), e.getMessage(), retryAt, false)));
      return new Report(0, Optional.of(e.getMessage()));
    }
    int started = 0;
    for (Operation op : due) {
      lock.require();
      Optional<Committed> committed = commitIntent(op, agreedNonce);
      if (committed.isPresent()) {
        send(op, committed.get());
        started++;
      }
    }
    return new Report(started, Optional.empty());
  }

  /** An intent committed for an operation, with the fees it is to be signed with. */
  private record Committed(TxIntent intent, FeeSuggestion fee) {}

  /**
   * Everything before the nonce is taken. Whatever goes wrong here is the operation's alone: it is
   * recorded on the operation, which waits QUEUED for its retry, and the caller moves on.
   */
  private Optional<Committed> commitIntent(Operation op, BigInteger agreedNonce) {
    try {
      return tryCommitIntent(op, agreedNonce);
    } catch (ExecutorLock.LostException e) {
      throw e;
    } catch (RuntimeException e) {
      // One line, no stack trace: the reason is on the operation and the next one is started.
      // Held by the world, not by the operation: fees above the cap, endpoints that do not vouch for a nonce.
      boolean waitingForFees = e instanceof ChainException c && c.code() == ChainErrorCode.FEE_CAP_EXCEEDED;
      boolean waitingForEndpoints = e instanceof EndpointCrossCheck.CrossCheckFailedException;
      LOG.warn("operation {} ({}) not started, retried after {}: {}", op.id(), op.kind(), settings.retryDelay(), describe(e));
      Instant retryAt = clock.instant().plus(settings.retryDelay());
      jdbi.useHandle(h -> store.defer(h, op.id(), describe(e), retryAt, !waitingForFees && !waitingForEndpoints));
      return Optional.empty();
    }
  }

  private static String describe(RuntimeException e) {
    return e instanceof ChainException || e instanceof SigningException ? e.getMessage() : e.toString();
  }

  /**
   * Before anything irreversible: enough endpoints agree on chain, head, our sender's nonce and the
   * router's active signer, and that signer is ours.
   *
   * @return our sender's nonce at the pinned block, as the endpoints agree on it
   */
  private BigInteger verifyEndpointsAgree() {
    EndpointCrossCheck.Result<List<Object>> agreed = crossCheck.agree("router signer and sender nonce", (c, block) -> {
      DefaultBlockParameter at = DefaultBlockParameter.valueOf(block);
      return List.of(AbiWords.address(c.call(null, settings.router(), RouterAbi.activeSigner(), at)),
          c.transactionCount(senderAddress, at));
    });
    agreed.degraded().forEach(o -> LOG.warn("endpoint degraded (cross-check passed without it): {}", o));
    String activeSigner = (String) agreed.value().get(0);
    if (!activeSigner.equals(senderAddress)) {
      throw new ChainException(ChainErrorCode.ENDPOINTS_DISAGREE,
          "the router's active signer is " + activeSigner + ", not our signer " + senderAddress);
    }
    return (BigInteger) agreed.value().get(1);
  }

  /** The read name of the pending nonce in alerts and the health report. */
  static final String READ_PENDING_NONCE = "sender pending nonce";

  /**
   * Our sender's pending nonce, as the endpoints vouch for it. Each endpoint's pending count is
   * believed within its own range: not below its latest mined nonce or the nonce the endpoints agreed
   * on at the pinned block (a lying low one would only reuse a consumed nonce), not above that by more
   * than the nonces our own unmined intents hold (a lying high one would sign into a gap). The value
   * is the highest {@code SEAT_MANAGER_MIN_AGREEING_ENDPOINTS} believed endpoints reach. Never clamped:
   * when too few endpoints answer within their range, nothing is signed ({@link EndpointCrossCheck#withinBounds}).
   */
  private BigInteger pendingNonce(BigInteger agreedNonce) {
    List<Long> ours = jdbi.withHandle(h -> store.heldAtOrAbove(h, settings.chainId(), senderAddress, agreedNonce.longValueExact()));
    return crossCheck.withinBounds(READ_PENDING_NONCE, endpoint -> poolNonce(endpoint, agreedNonce, ours)).value();
  }

  private EndpointCrossCheck.Bounded poolNonce(ExecutionClient endpoint, BigInteger agreedNonce, List<Long> ours) {
    // pending first: a transaction mined between the two reads raises the ceiling, never the answer alone
    BigInteger pending = endpoint.transactionCount(senderAddress, DefaultBlockParameterName.PENDING);
    BigInteger mined = endpoint.transactionCount(senderAddress, DefaultBlockParameterName.LATEST).max(agreedNonce);
    long unmined = ours.stream().filter(n -> n >= mined.longValueExact()).count();
    return new EndpointCrossCheck.Bounded(pending, mined, mined.add(BigInteger.valueOf(unmined)));
  }

  private Optional<Committed> tryCommitIntent(Operation op, BigInteger agreedNonce) {
    String calldata = RouterAbi.execute(op.call());
    PreSigningChecks.Verdict verdict = checks.check(op, calldata);
    if (verdict.holdReason().isPresent()) {
      // held by the world, not by the operation: it waits QUEUED, unsigned, without counting a failure
      LOG.warn("operation {} ({}) waits: {}", op.id(), op.kind(), verdict.holdReason().get());
      Instant retryAt = clock.instant().plus(settings.retryDelay());
      jdbi.useHandle(h -> store.defer(h, op.id(), verdict.holdReason().get(), retryAt, false));
      return Optional.empty();
    }
    if (verdict.refusal().isPresent()) {
      failUnsigned(op, verdict.refusal().get());
      return Optional.empty();
    }
    // Fees before the nonce: an operation that cannot be signed yet must not hold one.
    FeeSuggestion fee = sender.currentFees();
    BigInteger pending = pendingNonce(agreedNonce);
    lock.require();
    Optional<TxIntent> intent = jdbi.inTransaction(h -> {
      if (!store.claim(h, op.id())) {
        return Optional.<TxIntent>empty();
      }
      long nonce = store.takeNonce(h, settings.chainId(), senderAddress, pending);
      return Optional.of(store.insertIntent(h, op.id(), settings.chainId(), senderAddress, nonce, settings.router(),
          BigInteger.ZERO, calldata, verdict.gasLimit()));
    });
    intent.ifPresent(i -> LOG.info("operation {} ({}): intent {} at nonce {} committed", op.id(), op.kind(), i.id(), i.nonce()));
    return intent.map(i -> new Committed(i, fee));
  }

  /** From here on the operation is IN_FLIGHT: a failure is the intent's, and the next reconcile takes it up. */
  private void send(Operation op, Committed committed) {
    TxIntent intent = committed.intent();
    probe.reached(PipelineProbe.Point.AFTER_INTENT_COMMITTED, intent.id());
    try {
      sender.signAndSend(intent, 0, committed.fee());
    } catch (ChainException | SigningException | EmergencyPause.Paused e) {
      LOG.warn("intent {} (operation {}) committed but not yet sent: {}", intent.id(), op.id(), e.getMessage());
      jdbi.useHandle(h -> store.noteIntentError(h, intent.id(), e.getMessage()));
    }
  }

  /**
   * Fails a still-QUEUED operation that was never signed, with its feature's outcome and an alert in
   * the same transaction. If the feature's outcome itself fails (its state moved on meanwhile), the
   * operation is failed all the same, saying so: a refused operation must never stay in the queue.
   */
  private void failUnsigned(Operation op, String reason) {
    lock.require();
    try {
      boolean failed = jdbi.inTransaction(h -> {
        if (!store.failQueued(h, op.id(), reason)) {
          return false;
        }
        Operation now = store.operation(h, op.id());
        outcomes.of(now).failed(h, now, reason);
        alerts.aboutOperation(h, now, AlertKind.OPERATION_REFUSED, Severity.WARNING, "refused", "failed before signing: " + reason);
        return true;
      });
      if (failed) {
        LOG.warn("operation {} ({}) failed before signing: {}", op.id(), op.kind(), reason);
      }
    } catch (ExecutorLock.LostException e) {
      throw e;
    } catch (RuntimeException outcomeFailed) {
      if (DatabaseUnavailable.isCause(outcomeFailed)) {
        throw outcomeFailed; // nothing was recorded; the refusal is made again on the next tick
      }
      String full = reason + " (the " + op.kind() + " outcome could not be applied: " + outcomeFailed.getMessage() + ")";
      boolean failed = jdbi.inTransaction(h -> {
        if (!store.failQueued(h, op.id(), full)) {
          return false;
        }
        alerts.aboutOperation(h, store.operation(h, op.id()), AlertKind.OPERATION_REFUSED, Severity.CRITICAL, "refused",
            "failed before signing: " + full);
        return true;
      });
      if (failed) {
        LOG.error("operation {} ({}) failed before signing: {}", op.id(), op.kind(), full);
      }
    }
  }
}
