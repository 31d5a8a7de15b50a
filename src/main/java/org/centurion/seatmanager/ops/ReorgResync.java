package org.centurion.seatmanager.ops;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.Severity;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-derives the fate of settled intents from the canonical chain, every tick, before anything is
 * reconciled or started: an intent settled (CONFIRMED or REVERTED) whose block is no longer
 * canonical, or whose nonce the chain has not consumed (so its transaction cannot be in the chain),
 * lost its transaction to a reorg deeper than the confirmation depth. It goes back to SIGNED, so
 * the reconciler sends the same bytes again (or finds them re-mined, or the nonce taken by another
 * transaction), and its operation back IN_FLIGHT with the reorg on its record and a REORG alert.
 * {@link #rebaseLedger} then puts the nonce ledger back on the chain. Blocks deeper than the reorg window are trusted.
 */
final class ReorgResync {
  private static final Logger LOG = LoggerFactory.getLogger(ReorgResync.class);

  private final Jdbi jdbi;
  private final ExecutorLock lock;
  private final ExecutionClient client;
  private final ExecutorSettings settings;
  private final TxIntentStore store;
  private final ExecutorAlerts alerts;
  private final String sender;
  private final ChainVerdicts verdicts;

  ReorgResync(Jdbi jdbi, ExecutorLock lock, ExecutionClient client, ExecutorSettings settings, TxIntentStore store,
      ExecutorAlerts alerts, String sender, ChainVerdicts verdicts) {
    this.jdbi = jdbi;
    this.lock = lock;
    this.client = client;
    this.settings = settings;
    this.store = store;
    this.alerts = alerts;
    this.sender = sender;
    this.verdicts = verdicts;
  }

  /** Re-opens what a reorg took back: settled intents and DROPPED ones; returns how many. */
  int resync(ChainView chain) {
    long fromBlock = chain.head().longValueExact() - settings.reorgWindow() + 1;
    List<TxIntent> settled = jdbi.withHandle(h -> store.settledToRecheck(h, settings.chainId(), sender, fromBlock,
        chain.latestNonce().longValueExact()));
    Map<Long, String> canonical = new HashMap<>();
    int reopened = 0;
    for (TxIntent intent : settled) {
      String why = vanished(intent, chain, canonical);
      if (why != null) {
        reopened += reopen(intent, why) ? 1 : 0;
      }
    }
    List<TxIntent> dropped = jdbi.withHandle(h -> store.droppedToRecheck(h, settings.chainId(), sender,
        chain.latestNonce().longValueExact()));
    for (TxIntent intent : dropped) {
      reopened += reopenDropped(intent, chain) ? 1 : 0;
    }
    return reopened;
  }

  /**
   * A DROPPED intent was judged on a nonce consumed by a transaction that is none of ours; when the
   * chain no longer consumes it, that transaction is gone and ours can land after all (anyone holding
   * its bytes can send them), and the free nonce below our later intents would hold them all. Back to
   * live, like a settled intent a reorg re-opened: one intent, its same bytes, never a second nonce.
   */
  private boolean reopenDropped(TxIntent intent, ChainView chain) {
    String note = "REORG: nonce " + intent.nonce() + " was consumed by a transaction that is none of ours when intent "
        + intent.id() + " was DROPPED, but the chain's next nonce for " + sender + " is now " + chain.latestNonce()
        + ": that transaction is no longer in the canonical chain; the operation is back in flight";
    lock.require();
    boolean done = jdbi.inTransaction(h -> {
      if (!store.reopenDropped(h, intent, note)) {
        return false;
      }
      Operation op = store.operation(h, intent.operationId());
      alerts.aboutOperation(h, op, AlertKind.REORG, Severity.CRITICAL, "dropped-nonce-" + intent.nonce(), note);
      return true;
    });
    if (done) {
      LOG.error("intent {} (operation {}, nonce {}): {}", intent.id(), intent.operationId(), intent.nonce(), note);
    }
    return done;
  }

  /**
   * Re-bases the nonce ledger on the chain, once the intents are where the chain says (after the
   * reconcile: an intent it gave its nonce back no longer counts).
   */
  void rebaseLedger(ChainView chain) {
    lock.require();
    jdbi.useTransaction(h -> store.rebaseLedger(h, settings.chainId(), sender, chain.latestNonce()));
  }

  /**
   * Why the intent's transaction is no longer in the canonical chain, or null while it is. Judged by
   * its block alone (another block at its height): a nonce the endpoint reports lower than ours while
   * our block is still there is an endpoint behind, not a reorg. So is a head below our block (a
   * lagging node behind a load balancer answers so): nothing is judged at a height the endpoint does
   * not have yet, and a real reorg onto a shorter chain is seen as soon as the chain is back at that height.
   */
  private String vanished(TxIntent intent, ChainView chain, Map<Long, String> canonical) {
    long block = intent.minedBlock().orElse(-1L);
    String nonceNote = chain.consumed(intent.nonce()) ? ""
        : "; the chain's next nonce for " + sender + " is " + chain.latestNonce() + ", so nonce " + intent.nonce() + " is unused";
    if (block > chain.head().longValueExact()) {
      LOG.info("intent {}: the endpoint's head {} is below its block {}; judged once the chain is at that height again",
          intent.id(), chain.head(), block);
      return null;
    }
    String hash = canonical.computeIfAbsent(block, b -> client.block(BigInteger.valueOf(b)).hash());
    if (!hash.equalsIgnoreCase(intent.minedBlockHash().orElse(""))) {
      // the primary says the block changed; re-opening a settled intent is judged on the endpoints' agreed word
      String agreed = verdicts.canonicalHash(block);
      if (agreed.equalsIgnoreCase(intent.minedBlockHash().orElse("")) || !agreed.startsWith("0x")) {
        LOG.warn("intent {}: the primary endpoint reports block {} as {}, the cross-check does not; not re-opened",
            intent.id(), block, hash);
        return null;
      }
      return "block " + block + " is now " + agreed + nonceNote;
    }
    return null;
  }

  private boolean reopen(TxIntent intent, String why) {
    String note = "REORG: transaction " + intent.minedTxHash().orElse("?") + " (" + intent.status() + " in block "
        + intent.minedBlock().orElse(-1L) + ", " + intent.minedBlockHash().orElse("?") + ") is no longer in the canonical"
        + " chain: " + why + "; the operation is back in flight";
    lock.require();
    boolean done = jdbi.inTransaction(h -> {
      if (!store.reopen(h, intent, note)) {
        return false;
      }
      Operation op = store.operation(h, intent.operationId());
      alerts.aboutOperation(h, op, AlertKind.REORG, Severity.CRITICAL, intent.minedBlockHash().orElse("?"), note);
      return true;
    });
    if (done) {
      LOG.error("intent {} (operation {}, nonce {}): {}", intent.id(), intent.operationId(), intent.nonce(), note);
    }
    return done;
  }
}
