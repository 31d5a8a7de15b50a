package org.centurion.seatmanager.ops;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.Severity;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when our signer's pending transactions stop advancing: the chain's nonce for our sender
 * has not moved for {@link ExecutorSettings#stuckBlocks()} blocks while signed transactions of ours
 * wait (a nonce gap below them, a transaction the node dropped, a node that lost its mempool). Then
 * the same bytes of every waiting intent are sent again; if the nonce still does not move for as
 * many blocks, TRANSACTION_STUCK is raised with the nonce and hash, and resolved once it moves.
 * Its memory is the leading instance's: a new leader starts counting afresh.
 */
final class StuckTransactions {
  private static final Logger LOG = LoggerFactory.getLogger(StuckTransactions.class);
  static final String ALERT_DISCRIMINATOR = "pending-nonce";

  private final Jdbi jdbi;
  private final TransactionSender sender;
  private final ExecutorSettings settings;
  private final TxIntentStore store;
  private final ExecutorAlerts alerts;
  private long watchedNonce = -1;
  private long sinceBlock;
  private Optional<Long> resentAtBlock = Optional.empty();
  /** True while an alert of ours may be open: always at first, since a previous leader may have raised it. */
  private boolean raised = true;

  StuckTransactions(Jdbi jdbi, TransactionSender sender, ExecutorSettings settings, TxIntentStore store, ExecutorAlerts alerts) {
    this.jdbi = jdbi;
    this.sender = sender;
    this.settings = settings;
    this.store = store;
    this.alerts = alerts;
  }

  void check(List<TxIntent> live, ChainView chain) {
    long chainNonce = chain.latestNonce().longValueExact();
    long head = chain.head().longValueExact();
    List<TxIntent> waiting = live.stream().filter(i -> i.nonce() >= chainNonce && isSigned(i)).toList();
    if (waiting.isEmpty() || chainNonce != watchedNonce) {
      restart(chainNonce, head);
      if (waiting.isEmpty()) {
        return;
      }
    }
    long idle = head - resentAtBlock.orElse(sinceBlock);
    if (idle < settings.stuckBlocks()) {
      return;
    }
    if (resentAtBlock.isEmpty()) {
      LOG.warn("the chain's nonce for our sender has stayed at {} for {} blocks; sending the same bytes of {} waiting "
          + "transaction(s) again", chainNonce, idle, waiting.size());
      waiting.forEach(this::resendNewest);
      resentAtBlock = Optional.of(head);
      return;
    }
    if (!raised) {
      TxIntent lowest = waiting.stream().min(Comparator.comparingLong(TxIntent::nonce)).orElseThrow();
      String hash = newestHash(lowest);
      String message = lowest.nonce() > chainNonce
          ? "nonce gap: the chain expects nonce " + chainNonce + " next, but our lowest waiting transaction is " + hash
              + " at nonce " + lowest.nonce() + "; nothing of ours can be mined until nonce " + chainNonce + " is"
          : "transaction " + hash + " at nonce " + lowest.nonce() + " not mined for " + (head - sinceBlock)
              + " blocks, sent again at block " + resentAtBlock.get() + " without effect";
      // Issue 15: the alert names the operation, where its detail says what can be done (cancel, retry, or wait)
      message = message + "; operation " + lowest.operationId() + ": the console's /console/operations/"
          + lowest.operationId() + ", GET /v1/operations/" + lowest.operationId() + " or seat-manager operations show --id "
          + lowest.operationId() + " for what can be done";
      LOG.error("TRANSACTION_STUCK: {}", message);
      alerts.global(AlertKind.TRANSACTION_STUCK, Severity.CRITICAL, ALERT_DISCRIMINATOR, message);
      raised = true;
    }
  }

  private void restart(long chainNonce, long head) {
    if (raised && alerts.resolveGlobal(AlertKind.TRANSACTION_STUCK, ALERT_DISCRIMINATOR)) {
      LOG.info("pending transactions advance again: the chain's nonce for our sender is {}", chainNonce);
    }
    watchedNonce = chainNonce;
    sinceBlock = head;
    resentAtBlock = Optional.empty();
    raised = false;
  }

  private static boolean isSigned(TxIntent intent) {
    return intent.status() == TxIntent.Status.SIGNED || intent.status() == TxIntent.Status.SENT;
  }

  private void resendNewest(TxIntent intent) {
    List<TxAttempt> attempts = jdbi.withHandle(h -> store.attempts(h, intent.id()));
    if (!attempts.isEmpty()) {
      sender.broadcast(intent, attempts.get(attempts.size() - 1));
    }
  }

  private String newestHash(TxIntent intent) {
    List<TxAttempt> attempts = jdbi.withHandle(h -> store.attempts(h, intent.id()));
    return attempts.isEmpty() ? "(unsigned)" : attempts.get(attempts.size() - 1).txHash();
  }
}
