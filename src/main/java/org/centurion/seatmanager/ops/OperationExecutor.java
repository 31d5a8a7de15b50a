package org.centurion.seatmanager.ops;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.MoveHolds;
import org.centurion.seatmanager.chain.EndpointCrossCheck;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.chain.FeeOracle;
import org.centurion.seatmanager.signing.TreasurySigner;
import org.centurion.seatmanager.store.LeaderTerm;
import org.centurion.seatmanager.store.RoleLock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Turns queued operations into confirmed transactions, crash-safely. Every tick, while this instance
 * holds the {@code executor} role lock:
 *
 * <ol>
 *   <li><b>Resync</b> ({@link ReorgResync}): settled intents whose transaction a reorg removed are
 *       live again.
 *   <li><b>Reconcile</b> ({@link IntentReconciler}) every live intent of our sender, lowest nonce first;
 *       then the nonce ledger is re-based on the chain.
 *   <li><b>Notice gaps</b> ({@link StuckTransactions}): pending transactions that stopped advancing are
 *       sent again, then reported.
 *   <li><b>Start</b> ({@link OperationStarter}) due QUEUED operations: checks before signing, fees,
 *       nonce, intent, then the {@link TransactionSender} signs, commits and broadcasts.
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
  private final ExecutorLock lock;
  private final ExecutionClient client;
  private final ExecutorSettings settings;
  private final Clock clock;
  private final TxIntentStore store = new TxIntentStore();
  private final String sender;
  private final ReorgResync resync;
  private final IntentReconciler reconciler;
  private final StuckTransactions stuck;
  private final OperationStarter starter;
  private final CountDownLatch stop = new CountDownLatch(1);
  private boolean reconciledSinceStart;

  /**
   * @param client the endpoint reads, receipts and broadcasts go to
   * @param crossCheck every configured endpoint, asked before a new intent is signed and before every
   *     final verdict (receipt, DROPPED, reorg); the composition root hands one that records each read
   * @param outcomes per kind, what the feature does with the verdict; missing kinds do nothing
   * @param alerts where stuck, dropped and refused transactions are raised
   * @param holds the open alerts that hold every signature (asked immediately before signing)
   */
  public OperationExecutor(Jdbi jdbi, RoleLock lock, ExecutionClient client, EndpointCrossCheck crossCheck, FeeOracle fees,
      TreasurySigner signer, ExecutorSettings settings, Map<OperationKind, OperationOutcomes> outcomes, Clock clock,
      PipelineProbe probe, SigningGuard guard, AlertService alerts, MoveHolds holds) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.lock = new ExecutorLock(lock, jdbi);
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sender = signer.address().toLowerCase(Locale.ROOT);
    Objects.requireNonNull(crossCheck, "crossCheck");
    Objects.requireNonNull(fees, "fees");
    Objects.requireNonNull(probe, "probe");
    FeatureOutcomes byKind = new FeatureOutcomes(outcomes);
    ExecutorAlerts executorAlerts = new ExecutorAlerts(Objects.requireNonNull(alerts, "alerts"));
    TransactionSender transactions = new TransactionSender(jdbi, this.lock, client, fees, signer, settings, store, clock, probe,
        Objects.requireNonNull(guard, "guard"), byKind, crossCheck.clients(), crossCheck.policy().deadline());
    ChainVerdicts verdicts = new ChainVerdicts(crossCheck);
    this.resync = new ReorgResync(jdbi, this.lock, client, settings, store, executorAlerts, sender, verdicts);
    this.reconciler = new IntentReconciler(jdbi, this.lock, client, transactions, settings, byKind, store, clock, probe, verdicts);
    this.stuck = new StuckTransactions(jdbi, transactions, settings, store, executorAlerts);
    this.starter = new OperationStarter(jdbi, this.lock, crossCheck,
        new PreSigningChecks(client, settings, byKind, sender, guard, Objects.requireNonNull(holds, "holds"), crossCheck),
        transactions, settings, byKind, store, executorAlerts, clock, probe,
        sender);
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

  /** One round: resync, reconcile every live intent, notice gaps, start due operations. Nothing without the role lock. */
  public synchronized TickReport tick() {
    if (!lock.tryAcquire()) {
      reconciledSinceStart = false;
      return TickReport.IDLE;
    }
    // every write of the round checks, in its own transaction, that this leadership's epoch still holds
    try (LeaderTerm.Scope acting = LeaderTerm.enter(lock.term())) {
      ChainView chain = new ChainView(client.transactionCount(sender, DefaultBlockParameterName.LATEST), client.blockNumber());
      resync.resync(chain);
      boolean firstSinceStart = !reconciledSinceStart;
      int settled = reconciler.reconcile(live(), chain, firstSinceStart);
      reconciledSinceStart = true;
      resync.rebaseLedger(chain);
      stuck.check(live(), chain);
      OperationStarter.Report started = starter.startDue();
      heartbeat(started.pausedReason());
      return new TickReport(true, started.started(), settled);
    } catch (ExecutorLock.LostException | LeaderTerm.FencedOut e) {
      LOG.warn("executor paused: {}", e.getMessage());
      reconciledSinceStart = false;
      return TickReport.IDLE;
    }
  }

  private List<TxIntent> live() {
    return jdbi.withHandle(h -> store.live(h, settings.chainId(), sender));
  }

  private void heartbeat(Optional<String> pausedReason) {
    lock.require();
    jdbi.useHandle(h -> store.heartbeat(h, settings.chainId(), sender, clock.instant(), pausedReason));
  }

  /** The ledger's next nonce for our sender, as the executor keeps it (for tests and operators). */
  public Optional<Long> ledgerNextNonce() {
    return jdbi.withHandle(h -> store.ledgerNext(h, settings.chainId(), sender));
  }

}
