package org.centurion.seatmanager.ops;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.store.LeaderTerm;
import org.jdbi.v3.core.Handle;

/** SQL of the pipeline's tables: intents, attempts and the nonce ledger. Every method runs in the caller's transaction. */
final class TxIntentStore {
  private static final String INTENT_COLUMNS = "id, operation_id, chain_id, sender, nonce, target, value_wei, calldata, "
      + "gas_limit, status, mined_tx_hash, mined_block, mined_block_hash, last_error";
  private static final String ATTEMPT_COLUMNS = "id, intent_id, tx_hash, raw_tx, max_fee_per_gas, max_priority_fee, "
      + "signed_at, broadcast_at, broadcast_error";

  /** Moves a QUEUED operation to IN_FLIGHT; false when someone else already did (or cancelled it). */
  boolean claim(Handle h, long operationId) {
    LeaderTerm.requireCurrent(h);
    return h.createUpdate("UPDATE operations SET status = 'IN_FLIGHT', last_error = NULL, tick_failures = 0, updated_at = now() "
            + "WHERE id = :id AND status = 'QUEUED'")
        .bind("id", operationId).execute() == 1;
  }

  /**
   * The next nonce of {@code sender} under the ledger's row lock, held until the caller's transaction
   * ends: the lowest nonce at or above the chain's pending count that no intent of ours holds. Never
   * below the pending count, since a nonce the chain has seen can never be ours again; never past a
   * free nonce, since a gap below our transactions would keep every one of them out of a block.
   */
  long takeNonce(Handle h, long chainId, String sender, BigInteger chainPending) {
    LeaderTerm.requireCurrent(h);
    long floor = chainPending.longValueExact();
    lockLedger(h, chainId, sender, floor);
    long nonce = floor;
    for (long held : heldNonces(h, chainId, sender, floor)) {
      if (held != nonce) {
        break;
      }
      nonce++;
    }
    long next = Math.max(nonce + 1, highestHeld(h, chainId, sender, floor).map(n -> n + 1).orElse(0L));
    h.createUpdate("UPDATE nonce_ledger SET next_nonce = :n WHERE chain_id = :c AND sender = :s")
        .bind("c", chainId).bind("s", sender).bind("n", next).execute();
    return nonce;
  }

  /**
   * Removes an intent nothing of which was ever signed, so that its nonce is free again (the table
   * holds one row per nonce, and a gap below our transactions would keep them all out of a block).
   * Used when the treasury checks refuse to sign it (issue 12); the refusal stays on record in the
   * operation's error and the audit log.
   *
   * @return false when the intent has an attempt or is no longer PREPARED (then it is not touched)
   */
  boolean discardUnsigned(Handle h, TxIntent intent) {
    LeaderTerm.requireCurrent(h);
    return h.createUpdate("DELETE FROM tx_intents WHERE id = :id AND status = 'PREPARED' "
            + "AND NOT EXISTS (SELECT 1 FROM tx_attempts WHERE intent_id = :id)")
        .bind("id", intent.id()).execute() == 1;
  }

  /**
   * Re-bases the ledger on the chain after whatever happened (a reorg, a node that lost its pool):
   * one past our highest intent the chain has not consumed, or the chain's own count when none is
   * left, so the ledger is never ahead of what our intents and the chain account for.
   *
   * @return the ledger's next nonce now
   */
  long rebaseLedger(Handle h, long chainId, String sender, BigInteger chainLatest) {
    LeaderTerm.requireCurrent(h);
    long floor = chainLatest.longValueExact();
    Optional<Long> current = h.createQuery("SELECT next_nonce FROM nonce_ledger WHERE chain_id = :c AND sender = :s FOR UPDATE")
        .bind("c", chainId).bind("s", sender).mapTo(Long.class).findOne();
    if (current.isEmpty()) {
      return floor; // nothing was ever taken: nothing to re-base
    }
    long next = highestHeld(h, chainId, sender, floor).map(n -> n + 1).orElse(floor);
    h.createUpdate("UPDATE nonce_ledger SET next_nonce = :n WHERE chain_id = :c AND sender = :s AND next_nonce <> :n")
        .bind("c", chainId).bind("s", sender).bind("n", next).execute();
    return next;
  }

  private static void lockLedger(Handle h, long chainId, String sender, long initial) {
    h.createUpdate("INSERT INTO nonce_ledger (chain_id, sender, next_nonce) VALUES (:c, :s, :n) ON CONFLICT DO NOTHING")
        .bind("c", chainId).bind("s", sender).bind("n", initial).execute();
    h.createQuery("SELECT next_nonce FROM nonce_ledger WHERE chain_id = :c AND sender = :s FOR UPDATE")
        .bind("c", chainId).bind("s", sender).mapTo(Long.class).one();
  }

  /** The nonces at or above {@code floor} our intent rows hold, whatever their status, ascending. */
  List<Long> heldAtOrAbove(Handle h, long chainId, String sender, long floor) {
    return heldNonces(h, chainId, sender, floor);
  }

  /** Every nonce at or above {@code floor} an intent row of ours holds (the table allows one row per nonce). */
  private static List<Long> heldNonces(Handle h, long chainId, String sender, long floor) {
    return h.createQuery("SELECT nonce FROM tx_intents WHERE chain_id = :c AND sender = :s AND nonce >= :f ORDER BY nonce")
        .bind("c", chainId).bind("s", sender).bind("f", floor).mapTo(Long.class).list();
  }

  private static Optional<Long> highestHeld(Handle h, long chainId, String sender, long floor) {
    return h.createQuery("SELECT max(nonce) FROM tx_intents WHERE chain_id = :c AND sender = :s AND nonce >= :f")
        .bind("c", chainId).bind("s", sender).bind("f", floor).mapTo(Long.class).findOne();
  }

  /** The ledger's next nonce, if the sender ever took one. */
  Optional<Long> ledgerNext(Handle h, long chainId, String sender) {
    return h.createQuery("SELECT next_nonce FROM nonce_ledger WHERE chain_id = :c AND sender = :s")
        .bind("c", chainId).bind("s", sender).mapTo(Long.class).findOne();
  }

  TxIntent insertIntent(Handle h, long operationId, long chainId, String sender, long nonce, String to,
      BigInteger value, String calldata, BigInteger gasLimit) {
    LeaderTerm.requireCurrent(h);
    return h.createQuery("INSERT INTO tx_intents (operation_id, chain_id, sender, nonce, target, value_wei, calldata, gas_limit) "
            + "VALUES (:op, :c, :s, :n, :to, :v, :d, :g) RETURNING " + INTENT_COLUMNS)
        .bind("op", operationId).bind("c", chainId).bind("s", sender).bind("n", nonce).bind("to", to)
        .bind("v", new BigDecimal(value)).bind("d", calldata).bind("g", new BigDecimal(gasLimit))
        .map((rs, ctx) -> intent(rs)).one();
  }

  /** Every intent of this sender that the chain has not judged yet, lowest nonce first. */
  List<TxIntent> live(Handle h, long chainId, String sender) {
    return h.createQuery("SELECT " + INTENT_COLUMNS + " FROM tx_intents WHERE chain_id = :c AND sender = :s "
            + "AND status IN ('PREPARED', 'SIGNED', 'SENT', 'MINED') ORDER BY nonce")
        .bind("c", chainId).bind("s", sender).map((rs, ctx) -> intent(rs)).list();
  }

  Optional<TxIntent> find(Handle h, long intentId) {
    return h.createQuery("SELECT " + INTENT_COLUMNS + " FROM tx_intents WHERE id = :id")
        .bind("id", intentId).map((rs, ctx) -> intent(rs)).findOne();
  }

  /** Every intent an operation ever had (a DROPPED one and its successor included), oldest first. */
  List<TxIntent> intentsOf(Handle h, long operationId) {
    return h.createQuery("SELECT " + INTENT_COLUMNS + " FROM tx_intents WHERE operation_id = :o ORDER BY id")
        .bind("o", operationId).map((rs, ctx) -> intent(rs)).list();
  }

  List<TxAttempt> attempts(Handle h, long intentId) {
    return h.createQuery("SELECT " + ATTEMPT_COLUMNS + " FROM tx_attempts WHERE intent_id = :i ORDER BY id")
        .bind("i", intentId).map((rs, ctx) -> attempt(rs)).list();
  }

  /**
   * Records a signed attempt and marks the intent SIGNED: the newest attempt is the one to (re)send.
   * Under the intent's row lock, and only if the intent still has exactly {@code priorAttempts}
   * attempts: when another instance signed meanwhile, ours is discarded before it ever leaves the process.
   */
  Optional<TxAttempt> insertAttempt(Handle h, TxIntent intent, int priorAttempts, String hash, String raw, BigInteger maxFee,
      BigInteger tip, Instant now) {
    LeaderTerm.requireCurrent(h);
    Optional<String> status = h.createQuery("SELECT status FROM tx_intents WHERE id = :id FOR UPDATE")
        .bind("id", intent.id()).mapTo(String.class).findOne();
    int existing = h.createQuery("SELECT count(*) FROM tx_attempts WHERE intent_id = :id")
        .bind("id", intent.id()).mapTo(Integer.class).one();
    if (status.isEmpty() || !TxIntent.Status.valueOf(status.get()).isLive() || existing != priorAttempts) {
      return Optional.empty();
    }
    TxAttempt a = h.createQuery("INSERT INTO tx_attempts (intent_id, tx_hash, raw_tx, max_fee_per_gas, max_priority_fee, signed_at) "
            + "VALUES (:i, :h, :r, :f, :t, :now) RETURNING " + ATTEMPT_COLUMNS)
        .bind("i", intent.id()).bind("h", hash).bind("r", raw).bind("f", new BigDecimal(maxFee))
        .bind("t", new BigDecimal(tip)).bind("now", Timestamp.from(now))
        .map((rs, ctx) -> attempt(rs)).one();
    int moved = h.createUpdate("UPDATE tx_intents SET status = 'SIGNED', last_error = NULL, updated_at = now() "
            + "WHERE id = :id AND status IN ('PREPARED', 'SIGNED', 'SENT')")
        .bind("id", intent.id()).execute();
    if (moved != 1) {
      throw new IllegalStateException("intent " + intent.id() + " is no longer live; attempt not recorded");
    }
    h.createUpdate("UPDATE operations SET attempts = attempts + 1, updated_at = now() WHERE id = :op")
        .bind("op", intent.operationId()).execute();
    return Optional.of(a);
  }

  void markBroadcast(Handle h, TxAttempt attempt, Instant now) {
    LeaderTerm.requireCurrent(h);
    h.createUpdate("UPDATE tx_attempts SET broadcast_at = COALESCE(broadcast_at, :now), broadcast_error = NULL WHERE id = :id")
        .bind("id", attempt.id()).bind("now", Timestamp.from(now)).execute();
    h.createUpdate("UPDATE tx_intents SET status = 'SENT', updated_at = now() WHERE id = :id AND status = 'SIGNED'")
        .bind("id", attempt.intentId()).execute();
  }

  void markBroadcastFailed(Handle h, TxAttempt attempt, String error) {
    LeaderTerm.requireCurrent(h);
    h.createUpdate("UPDATE tx_attempts SET broadcast_error = :e WHERE id = :id")
        .bind("id", attempt.id()).bind("e", error).execute();
  }

  void markMined(Handle h, TxIntent intent, String hash, long block, String blockHash) {
    LeaderTerm.requireCurrent(h);
    h.createUpdate("UPDATE tx_intents SET status = 'MINED', mined_tx_hash = :h, mined_block = :b, mined_block_hash = :bh, "
            + "updated_at = now() WHERE id = :id AND status IN ('SIGNED', 'SENT', 'MINED')")
        .bind("id", intent.id()).bind("h", hash).bind("b", block).bind("bh", blockHash).execute();
  }

  /** The block that held our transaction is no longer canonical: wait for it to land again. */
  void unmine(Handle h, TxIntent intent) {
    LeaderTerm.requireCurrent(h);
    h.createUpdate("UPDATE tx_intents SET status = 'SENT', mined_tx_hash = NULL, mined_block = NULL, mined_block_hash = NULL, "
            + "updated_at = now() WHERE id = :id AND status = 'MINED'")
        .bind("id", intent.id()).execute();
  }

  /** Final verdict of the intent; false when another instance recorded it first. */
  boolean settle(Handle h, TxIntent intent, TxIntent.Status status, String hash, long block, String blockHash) {
    LeaderTerm.requireCurrent(h);
    return h.createUpdate("UPDATE tx_intents SET status = :st, mined_tx_hash = :h, mined_block = :b, mined_block_hash = :bh, "
            + "updated_at = now() WHERE id = :id AND status IN ('SIGNED', 'SENT', 'MINED')")
        .bind("id", intent.id()).bind("st", status.name()).bind("h", hash).bind("b", block).bind("bh", blockHash)
        .execute() == 1;
  }

  /**
   * Drops the intent only if the attempts the decision saw are still all of them: under the intent's
   * row lock (the one {@link #insertAttempt} takes), a count that grew means another instance signed
   * meanwhile, so the consumed nonce may well be ours and the verdict must wait for its receipt.
   */
  boolean drop(Handle h, TxIntent intent, int knownAttempts, String reason) {
    LeaderTerm.requireCurrent(h);
    h.createQuery("SELECT status FROM tx_intents WHERE id = :id FOR UPDATE").bind("id", intent.id())
        .mapTo(String.class).findOne();
    int existing = h.createQuery("SELECT count(*) FROM tx_attempts WHERE intent_id = :id")
        .bind("id", intent.id()).mapTo(Integer.class).one();
    if (existing != knownAttempts) {
      return false;
    }
    return h.createUpdate("UPDATE tx_intents SET status = 'DROPPED', last_error = :e, updated_at = now() "
            + "WHERE id = :id AND status IN ('PREPARED', 'SIGNED', 'SENT', 'MINED')")
        .bind("id", intent.id()).bind("e", reason).execute() == 1;
  }

  /**
   * Gives back the nonce of an intent that was never signed (nothing of it can have left the process)
   * and returns its operation to the queue, to be started again after {@code retryAt}. Under the
   * intent's row lock: false when an attempt was committed meanwhile (then it is a real transaction).
   */
  boolean release(Handle h, TxIntent intent, String reason, Instant retryAt) {
    LeaderTerm.requireCurrent(h);
    Optional<String> status = h.createQuery("SELECT status FROM tx_intents WHERE id = :id FOR UPDATE")
        .bind("id", intent.id()).mapTo(String.class).findOne();
    int attempts = h.createQuery("SELECT count(*) FROM tx_attempts WHERE intent_id = :id")
        .bind("id", intent.id()).mapTo(Integer.class).one();
    if (status.isEmpty() || !status.get().equals("PREPARED") || attempts != 0) {
      return false;
    }
    h.createUpdate("DELETE FROM tx_intents WHERE id = :id").bind("id", intent.id()).execute();
    return h.createUpdate("UPDATE operations SET status = 'QUEUED', last_error = :e, not_before = GREATEST(not_before, :at), "
            + "updated_at = now() WHERE id = :op AND status = 'IN_FLIGHT'")
        .bind("op", intent.operationId()).bind("e", reason).bind("at", Timestamp.from(retryAt)).execute() == 1;
  }

  /**
   * Settled intents the executor must re-check against the canonical chain: mined at or above
   * {@code fromBlock}, or at a nonce the chain has not consumed (then their transaction cannot be in it).
   */
  List<TxIntent> settledToRecheck(Handle h, long chainId, String sender, long fromBlock, long chainLatestNonce) {
    return h.createQuery("SELECT " + INTENT_COLUMNS + " FROM tx_intents WHERE chain_id = :c AND sender = :s "
            + "AND status IN ('CONFIRMED', 'REVERTED') AND (mined_block >= :b OR nonce >= :n) ORDER BY nonce")
        .bind("c", chainId).bind("s", sender).bind("b", fromBlock).bind("n", chainLatestNonce)
        .map((rs, ctx) -> intent(rs)).list();
  }

  /**
   * A reorg removed the transaction of a settled intent: the intent is live again (SIGNED, so its
   * newest bytes are sent again) and its operation is back IN_FLIGHT with the reorg on its record.
   * False when the intent is no longer settled as {@code intent} says (another instance did it).
   */
  boolean reopen(Handle h, TxIntent intent, String note) {
    LeaderTerm.requireCurrent(h);
    int moved = h.createUpdate("UPDATE tx_intents SET status = 'SIGNED', mined_tx_hash = NULL, mined_block = NULL, "
            + "mined_block_hash = NULL, last_error = :e, updated_at = now() "
            + "WHERE id = :id AND status = :st AND mined_block_hash IS NOT DISTINCT FROM :bh")
        .bind("id", intent.id()).bind("st", intent.status().name()).bind("bh", intent.minedBlockHash().orElse(null))
        .bind("e", note).execute();
    if (moved != 1) {
      return false;
    }
    forgetBroadcasts(h, intent.id());
    reopenOperation(h, intent.operationId(), note);
    return true;
  }

  /**
   * DROPPED intents at a nonce the chain no longer consumes: the transaction that was none of ours
   * and took their nonce is gone (a reorg deeper than the confirmation depth), so their own signed
   * bytes can be mined again, and their nonce is a gap below everything we sign after them.
   */
  List<TxIntent> droppedToRecheck(Handle h, long chainId, String sender, long chainLatestNonce) {
    return h.createQuery("SELECT " + INTENT_COLUMNS + " FROM tx_intents WHERE chain_id = :c AND sender = :s "
            + "AND status = 'DROPPED' AND nonce >= :n ORDER BY nonce")
        .bind("c", chainId).bind("s", sender).bind("n", chainLatestNonce)
        .map((rs, ctx) -> intent(rs)).list();
  }

  /**
   * A DROPPED intent whose nonce the chain gave back is live again: SIGNED when it has attempts (its
   * newest bytes are sent again and every one of its hashes is tracked), PREPARED when it never had
   * one; its operation is back IN_FLIGHT with the reorg on its record. False when it is no longer DROPPED.
   */
  boolean reopenDropped(Handle h, TxIntent intent, String note) {
    LeaderTerm.requireCurrent(h);
    int moved = h.createUpdate("UPDATE tx_intents SET status = CASE WHEN EXISTS (SELECT 1 FROM tx_attempts a "
            + "WHERE a.intent_id = tx_intents.id) THEN 'SIGNED' ELSE 'PREPARED' END, last_error = :e, updated_at = now() "
            + "WHERE id = :id AND status = 'DROPPED'")
        .bind("id", intent.id()).bind("e", note).execute();
    if (moved != 1) {
      return false;
    }
    forgetBroadcasts(h, intent.id());
    reopenOperation(h, intent.operationId(), note);
    return true;
  }

  /**
   * A re-opened intent's bytes are sent again now: the time they are waited for runs from that
   * broadcast, not from the first one (long past), or the reconciler would take them for stuck on
   * the very next tick and sign a replacement before they could be mined again.
   */
  private static void forgetBroadcasts(Handle h, long intentId) {
    h.createUpdate("UPDATE tx_attempts SET broadcast_at = NULL WHERE intent_id = :i").bind("i", intentId).execute();
  }

  private static void reopenOperation(Handle h, long operationId, String note) {
    h.createUpdate("UPDATE operations SET status = 'IN_FLIGHT', tx_hash = NULL, block_number = NULL, block_hash = NULL, "
            + "last_error = :e, reorgs = reorgs + 1, last_reorg = :e, updated_at = now() "
            + "WHERE id = :op AND status IN ('CONFIRMED', 'FAILED', 'IN_FLIGHT')")
        .bind("op", operationId).bind("e", note).execute();
  }

  /** A reorg took a MINED intent's block: recorded on its operation, which stays IN_FLIGHT. */
  void noteReorg(Handle h, long operationId, String note) {
    LeaderTerm.requireCurrent(h);
    h.createUpdate("UPDATE operations SET reorgs = reorgs + 1, last_reorg = :e, updated_at = now() WHERE id = :op")
        .bind("op", operationId).bind("e", note).execute();
  }

    void noteIntentError(Handle h, long intentId, String error) {
    h.createUpdate("UPDATE tx_intents SET last_error = :e, updated_at = now() WHERE id = :id")
        .bind("id", intentId).bind("e", error).execute();
  }

  /** Operations whose time has come, oldest first. */
  List<Operation> due(Handle h, Instant now, int limit) {
    return h.createQuery("SELECT " + OperationService.COLUMNS + " FROM operations WHERE status = 'QUEUED' AND not_before <= :now "
            + "ORDER BY not_before, id LIMIT :limit")
        .bind("now", Timestamp.from(now)).bind("limit", limit).map((rs, ctx) -> OperationService.map(rs)).list();
  }

  Operation operation(Handle h, long id) {
    return h.createQuery("SELECT " + OperationService.COLUMNS + " FROM operations WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> OperationService.map(rs)).one();
  }

  /**
   * Leaves the operation QUEUED, says why, and retries it after {@code retryAt}. {@code failing}
   * counts the tick against the operation itself (its own check or call failed), not against the
   * world (the endpoints disagreeing pauses everything and is no one operation's fault).
   */
  void defer(Handle h, long operationId, String error, Instant retryAt, boolean failing) {
    LeaderTerm.requireCurrent(h);
    h.createUpdate("UPDATE operations SET last_error = :e, not_before = GREATEST(not_before, :at), "
            + "tick_failures = tick_failures + :f, updated_at = now() WHERE id = :id AND status = 'QUEUED'")
        .bind("id", operationId).bind("e", error).bind("at", Timestamp.from(retryAt)).bind("f", failing ? 1 : 0).execute();
  }

  /** Fails a QUEUED operation, which was never signed. */

  boolean failQueued(Handle h, long operationId, String reason) {
    LeaderTerm.requireCurrent(h);
    return h.createUpdate("UPDATE operations SET status = 'FAILED', last_error = :e, tick_failures = 0, updated_at = now() "
            + "WHERE id = :id AND status = 'QUEUED'")
        .bind("id", operationId).bind("e", reason).execute() == 1;
  }

  void finishInFlight(Handle h, long operationId, OperationStatus status, String hash, Long block, String blockHash, String error) {
    LeaderTerm.requireCurrent(h);
    h.createUpdate("UPDATE operations SET status = :st, tx_hash = :h, block_number = :b, block_hash = :bh, "
            + "last_error = :e, updated_at = now() WHERE id = :id AND status = 'IN_FLIGHT'")
        .bind("id", operationId).bind("st", status.name()).bind("h", hash).bind("b", block).bind("bh", blockHash)
        .bind("e", error).execute();
  }

  /** The leading executor ticked; {@code pausedReason} says why it signs nothing new, if so. */
  void heartbeat(Handle h, long chainId, String sender, Instant now, Optional<String> pausedReason) {
    LeaderTerm.requireCurrent(h);
    h.createUpdate("INSERT INTO executor_heartbeat (chain_id, sender, last_tick_at, paused_reason) VALUES (:c, :s, :t, :p) "
            + "ON CONFLICT (chain_id, sender) DO UPDATE SET last_tick_at = EXCLUDED.last_tick_at, "
            + "paused_reason = EXCLUDED.paused_reason")
        .bind("c", chainId).bind("s", sender).bind("t", Timestamp.from(now)).bind("p", pausedReason.orElse(null)).execute();
  }

  private static TxIntent intent(ResultSet rs) throws SQLException {
    long block = rs.getLong("mined_block");
    Optional<Long> minedBlock = rs.wasNull() ? Optional.empty() : Optional.of(block);
    return new TxIntent(
        rs.getLong("id"),
        rs.getLong("operation_id"),
        rs.getLong("chain_id"),
        rs.getString("sender"),
        rs.getLong("nonce"),
        rs.getString("target"),
        rs.getBigDecimal("value_wei").toBigIntegerExact(),
        rs.getString("calldata"),
        rs.getBigDecimal("gas_limit").toBigIntegerExact(),
        TxIntent.Status.valueOf(rs.getString("status")),
        Optional.ofNullable(rs.getString("mined_tx_hash")),
        minedBlock,
        Optional.ofNullable(rs.getString("mined_block_hash")),
        Optional.ofNullable(rs.getString("last_error")));
  }

  private static TxAttempt attempt(ResultSet rs) throws SQLException {
    Timestamp sent = rs.getTimestamp("broadcast_at");
    return new TxAttempt(
        rs.getLong("id"),
        rs.getLong("intent_id"),
        rs.getString("tx_hash"),
        rs.getString("raw_tx"),
        rs.getBigDecimal("max_fee_per_gas").toBigIntegerExact(),
        rs.getBigDecimal("max_priority_fee").toBigIntegerExact(),
        rs.getTimestamp("signed_at").toInstant(),
        Optional.ofNullable(sent).map(Timestamp::toInstant),
        Optional.ofNullable(rs.getString("broadcast_error")));
  }
}
