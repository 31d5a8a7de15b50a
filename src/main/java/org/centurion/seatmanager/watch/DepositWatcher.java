package org.centurion.seatmanager.watch;

import java.math.BigInteger;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.AlertSignal;
import org.centurion.seatmanager.alerts.Severity;
import org.centurion.seatmanager.chain.ChainErrorCode;
import org.centurion.seatmanager.chain.ChainException;
import org.centurion.seatmanager.chain.DepositEventLog;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.chain.LogRangeSize;
import org.centurion.seatmanager.seats.Evidence;
import org.centurion.seatmanager.seats.Seat;
import org.centurion.seatmanager.seats.SeatState;
import org.centurion.seatmanager.seats.SeatStore;
import org.centurion.seatmanager.seats.SeatTransitions;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.Transaction;

/**
 * The EL deposit watcher. Each round: re-check the newest processed block hashes (a changed hash
 * is a reorg: rewind the cursor, undo what the reorged deposits did, alert), then read the
 * deposit contract's {@code DepositEvent}s over one bounded range ending at the confirmation depth,
 * judge each (ours, a front-run on a known pubkey, or someone else's), move seats, store the range's
 * block hashes and advance the cursor, all in one transaction.
 *
 * <p>With a second execution endpoint configured, the range's DepositEvents and its last block hash
 * are read from both first, and so is the sender of every deposit for one of our pubkeys (the verdict
 * "ours or a front-run" rests on it): when they differ (or the second has not reached the range yet) nothing
 * is acted on, an ENDPOINT_DISAGREEING alert is raised, and the same range is tried again next round;
 * the alert resolves itself once the endpoints agree. A second endpoint that cannot answer fails the
 * round (fail closed: one endpoint alone is not enough to move a seat when two are configured).
 */
public final class DepositWatcher {
  public static final String ROLE = "el-deposits";
  private static final Logger LOG = LoggerFactory.getLogger(DepositWatcher.class);
  private static final String ACTOR = "watcher:" + ROLE;

  /** What one round did. */
  public record Round(long from, long to, int deposits, Optional<Long> reorgAt) {
    public static Round idle(long cursor) {
      return new Round(cursor + 1, cursor, 0, Optional.empty());
    }
  }

  /**
   * Reads of one round that do not depend on each other go out together, so a round costs the
   * slowest of them rather than their sum (catch-up rate, docs/performance.md).
   */
  private static final ExecutorService READS = Executors.newVirtualThreadPerTaskExecutor();
  /** eth_getLogs slices of one round in flight at once: enough to hide latency, few enough not to flood a node. */
  static final int PARALLEL_SLICES = 4;

  private final Jdbi jdbi;
  private final ExecutionClient el;
  private final Optional<ExecutionClient> second;
  private final DepositWatcherSettings settings;
  private final SeatStore seats;
  private final SeatTransitions transitions;
  private final AlertService alerts;
  private final WatcherCursors cursors;
  private final String holder;
  private final Clock clock;
  private final LogRangeSize primaryRange;
  private final LogRangeSize secondRange;

  /** @param second another execution endpoint the deposit logs are cross-checked against, when one is configured */
  public DepositWatcher(Jdbi jdbi, ExecutionClient el, Optional<ExecutionClient> second, DepositWatcherSettings settings,
      SeatStore seats,
      SeatTransitions transitions, AlertService alerts, WatcherCursors cursors, String holder, Clock clock) {
    this.jdbi = jdbi;
    this.el = el;
    this.second = second;
    this.settings = settings;
    this.seats = seats;
    this.transitions = transitions;
    this.alerts = alerts;
    this.cursors = cursors;
    this.holder = holder;
    this.clock = clock;
    this.primaryRange = new LogRangeSize(settings.maxRange());
    this.secondRange = new LogRangeSize(settings.maxRange());
  }

  /** The eth_getLogs size that currently works against the primary endpoint. */
  public long workingRange() {
    return primaryRange.blocks();
  }

  public Round tick() {
    Future<BigInteger> headRead = READS.submit(el::blockNumber);
    Optional<Long> reorg = findReorg();
    long head = join(headRead).longValueExact();
    if (reorg.isPresent()) {
      rewind(reorg.get(), head);
      return new Round(reorg.get(), reorg.get() - 1, 0, reorg);
    }
    long cursor = cursors.get(ROLE).map(WatcherCursor::cursor).orElse(settings.startBlock() - 1);
    long safe = head - settings.confirmations();
    long from = cursor + 1;
    if (from > safe) {
      jdbi.useTransaction(h -> cursors.advance(h, ROLE, Math.max(cursor, 0), Math.max(safe, 0), holder));
      return Round.idle(cursor);
    }
    // catching up, one round covers several ranges: one reorg check, one end hash and one commit for all of them
    long to = Math.min(safe, from + primaryRange.blocks() * settings.rangesPerRound() - 1);
    List<DepositEventLog> events;
    String endHash;
    Optional<AlertSignal> disagreement;
    try {
      Future<String> endHashRead = READS.submit(() -> el.block(BigInteger.valueOf(to)).hash().toLowerCase(Locale.ROOT));
      events = fetch(el, primaryRange, from, to);
      endHash = join(endHashRead);
      disagreement = crossCheck(from, to, events, endHash);
    } catch (RuntimeException e) {
      // the round fails, but the lag it leaves is true: WATCHER_LAGGING can fire while an endpoint refuses
      cursors.observeHead(ROLE, cursor, safe);
      throw e;
    }
    if (disagreement.isPresent()) {
      return hold(from, to, cursor, safe, disagreement.get());
    }
    java.util.Map<String, Seat> known = jdbi.withHandle(h -> seats.findByPubkeys(h,
        events.stream().map(DepositEventLog::pubkey).collect(java.util.stream.Collectors.toSet())));
    List<Judged> judged = new ArrayList<>();
    for (DepositEventLog e : events) {
      judged.add(judge(e, Optional.ofNullable(known.get(e.pubkey()))));
    }
    Optional<AlertSignal> senders = crossCheckSenders(judged);
    if (senders.isPresent()) {
      return hold(from, to, cursor, safe, senders.get());
    }
    jdbi.useTransaction(h -> {
      OffsetDateTime now = now();
      TreeMap<Long, String> blocks = new TreeMap<>();
      blocks.put(to, endHash);
      // someone else's deposits (almost all of them on a real chain) go in one batch; ours and front-runs one by one
      PreparedBatch foreign = h.prepareBatch(INSERT_OBSERVATION);
      for (Judged j : judged) {
        blocks.put(j.log().blockNumber(), j.log().blockHash());
        if (j.seat().isEmpty()) {
          bindObservation(foreign, j, now).add();
        } else {
          record(h, j, now);
        }
      }
      if (foreign.size() > 0) {
        foreign.execute();
      }
      PreparedBatch kept = h.prepareBatch("INSERT INTO el_processed_blocks (block_number, block_hash, processed_at)"
          + " VALUES (:n, :h, :at) ON CONFLICT (block_number) DO UPDATE SET block_hash = EXCLUDED.block_hash,"
          + " processed_at = EXCLUDED.processed_at");
      for (var b : blocks.entrySet()) {
        kept.bind("n", b.getKey()).bind("h", b.getValue()).bind("at", now).add();
      }
      kept.execute();
      second.ifPresent(s -> alerts.resolve(h, ROLE, AlertKind.ENDPOINT_DISAGREEING.name() + ":" + disagreement(s)));
      prune(h, to);
      cursors.advance(h, ROLE, to, safe, holder);
    });
    return new Round(from, to, events.size(), Optional.empty());
  }

  private static final String INSERT_OBSERVATION = "INSERT INTO deposit_observations (block_number, block_hash, tx_hash,"
      + " log_index, pubkey, withdrawal_credentials, amount_gwei, deposit_index, seat_id, verdict, observed_at) VALUES (:bn,"
      + " :bh, :tx, :li, :pk, :wc, :amount, :idx, :seat, :verdict, :at) ON CONFLICT (tx_hash, log_index, block_hash)"
      // a log seen again in the very block it was in (a reorg check that was wrong, or a chain that came back) counts again
      + " DO UPDATE SET reorged_at = NULL, observed_at = EXCLUDED.observed_at WHERE deposit_observations.reorged_at IS NOT NULL";

  private static <S extends SqlStatement<S>> S bindObservation(S st, Judged j, OffsetDateTime now) {
    DepositEventLog e = j.log();
    return st.bind("bn", e.blockNumber()).bind("bh", e.blockHash()).bind("tx", e.txHash()).bind("li", e.logIndex())
        .bind("pk", e.pubkey()).bind("wc", e.withdrawalCredentials()).bind("amount", e.amountGwei())
        .bind("idx", e.depositIndex()).bind("seat", j.seat().map(Seat::id).orElse(null)).bind("verdict", j.verdict().name())
        .bind("at", now);
  }

  /** Acts on nothing in the range: the alert is raised and the range is read again next round. */
  private Round hold(long from, long to, long cursor, long safe, AlertSignal why) {
    jdbi.useTransaction(h -> {
      alerts.raise(h, ROLE, why);
      cursors.advance(h, ROLE, Math.max(cursor, 0), safe, holder);
    });
    LOG.warn("deposit logs of blocks {}..{} not acted on: {}", from, to, why.message());
    return new Round(from, from - 1, 0, Optional.empty());
  }

  /**
   * The verdict on a deposit for one of our pubkeys rests on its transaction's sender, which the log
   * cross-check does not cover: with a second endpoint, that endpoint must report the same sender and
   * target, or a lying primary could pass a front-run off as ours.
   */
  private Optional<AlertSignal> crossCheckSenders(List<Judged> judged) {
    if (second.isEmpty()) {
      return Optional.empty();
    }
    ExecutionClient other = second.get();
    for (Judged j : judged) {
      if (j.sender().isEmpty()) {
        continue;
      }
      Optional<Transaction> tx = other.transaction(j.log().txHash());
      String from = tx.map(Transaction::getFrom).orElse("").toLowerCase(Locale.ROOT);
      String target = tx.map(Transaction::getTo).orElse("").toLowerCase(Locale.ROOT);
      if (tx.isEmpty() || !from.equals(j.sender().get()) || !target.equals(j.target().orElse(""))) {
        return Optional.of(AlertSignal.global(AlertKind.ENDPOINT_DISAGREEING, Severity.CRITICAL, disagreement(other),
            "deposit " + j.log().txHash() + " for seat " + j.seat().map(Seat::id).orElse(0L) + " not acted on: "
                + el.label() + " reports sender " + j.sender().get() + ", " + other.label() + " "
                + (tx.isEmpty() ? "does not know the transaction" : "reports " + from + " to " + target)));
      }
    }
    return Optional.empty();
  }

  /** The second endpoint's view of the same range, when there is one; a difference is the alert to raise. */
  private Optional<AlertSignal> crossCheck(long from, long to, List<DepositEventLog> events, String endHash) {
    if (second.isEmpty()) {
      return Optional.empty();
    }
    ExecutionClient other = second.get();
    String range = "blocks " + from + ".." + to;
    long otherHead = other.blockNumber().longValueExact();
    if (otherHead < to) {
      return Optional.of(AlertSignal.global(AlertKind.ENDPOINT_DISAGREEING, Severity.WARNING, disagreement(other),
          "deposit logs of " + range + " not cross-checked: " + other.label() + " is at block " + otherHead
              + "; the range waits until it catches up"));
    }
    String otherHash = other.block(BigInteger.valueOf(to)).hash().toLowerCase(Locale.ROOT);
    if (!otherHash.equals(endHash)) {
      return Optional.of(AlertSignal.global(AlertKind.ENDPOINT_DISAGREEING, Severity.CRITICAL, disagreement(other),
          "deposit logs of " + range + " not acted on: block " + to + " is " + endHash + " on " + el.label() + " but "
              + otherHash + " on " + other.label()));
    }
    List<DepositEventLog> otherEvents = fetch(other, secondRange, from, to);
    if (!otherEvents.equals(events)) {
      return Optional.of(AlertSignal.global(AlertKind.ENDPOINT_DISAGREEING, Severity.CRITICAL, disagreement(other),
          "deposit logs of " + range + " not acted on: " + el.label() + " returned " + events.size() + " DepositEvent(s), "
              + other.label() + " " + otherEvents.size() + ", and they differ"));
    }
    return Optional.empty();
  }

  /** Names the condition "the deposit logs disagree with this endpoint" in the alert's key, so it resolves by itself. */
  private static String disagreement(ExecutionClient other) {
    return "deposit-logs:" + other.label();
  }

  /**
   * Drops the kept block hashes no reorg check will read again: {@link #findReorg} reads only the
   * newest {@code reorgCheckDepth} rows, and a row is also kept while it is within twice the
   * confirmation depth of the range just processed. Without this the table grows by a row per
   * round (and per deposit block) forever.
   *
   * @return rows deleted
   */
  int prune(Handle h, long to) {
    return h.createUpdate("DELETE FROM el_processed_blocks WHERE block_number < :horizon AND block_number <"
            + " (SELECT min(block_number) FROM (SELECT block_number FROM el_processed_blocks"
            + " ORDER BY block_number DESC LIMIT :depth) AS newest)")
        .bind("horizon", to - 2L * settings.confirmations())
        .bind("depth", settings.reorgCheckDepth())
        .execute();
  }

  private enum Verdict { OURS, FRONT_RUN, FOREIGN }

  /** {@code sender}/{@code target}: the transaction's, when the verdict was read from it. */
  private record Judged(DepositEventLog log, Verdict verdict, Optional<Seat> seat, String why,
      Optional<String> sender, Optional<String> target) {
    Judged(DepositEventLog log, Verdict verdict, Optional<Seat> seat, String why) {
      this(log, verdict, seat, why, Optional.empty(), Optional.empty());
    }
  }

  /** Reads the sender only for known pubkeys: unknown deposits cost nothing beyond the log. */
  private Judged judge(DepositEventLog e, Optional<Seat> seat) {
    if (seat.isEmpty()) {
      return new Judged(e, Verdict.FOREIGN, seat, "");
    }
    if (!seat.get().withdrawalCredentials().equals(e.withdrawalCredentials())) {
      return new Judged(e, Verdict.FRONT_RUN, seat, "DepositEvent for the seat's pubkey with other withdrawal credentials");
    }
    Transaction tx = el.transaction(e.txHash()).orElseThrow(() ->
        new ChainException(ChainErrorCode.RPC_ERROR, el.label() + ": transaction of a DepositEvent not found"));
    String from = Optional.ofNullable(tx.getFrom()).orElse("").toLowerCase(Locale.ROOT);
    String target = Optional.ofNullable(tx.getTo()).orElse("").toLowerCase(Locale.ROOT);
    if (!settings.ourSenders().contains(from) && !settings.ourSenders().contains(target)) {
      return new Judged(e, Verdict.FRONT_RUN, seat, "DepositEvent for the seat's pubkey sent by " + from + ", not the treasury",
          Optional.of(from), Optional.of(target));
    }
    return new Judged(e, Verdict.OURS, seat, "", Optional.of(from), Optional.of(target));
  }

  private void record(Handle h, Judged j, OffsetDateTime now) {
    DepositEventLog e = j.log();
    int inserted = bindObservation(h.createUpdate(INSERT_OBSERVATION), j, now).execute();
    if (inserted == 0 || j.seat().isEmpty()) {
      return;
    }
    long seatId = j.seat().get().id();
    Evidence evidence = Evidence.log(e.txHash(), e.blockNumber(), e.blockHash(), "DepositEvent",
        "deposit index " + e.depositIndex() + ", " + e.amountGwei() + " gwei", ACTOR);
    if (j.verdict() == Verdict.OURS) {
      transitions.tryMove(h, seatId, SeatState.ALLOWLISTED, SeatState.DEPOSITED, evidence);
      return;
    }
    alerts.raise(h, ROLE, AlertSignal.forSeat(AlertKind.FRONT_RUNNING_ATTEMPT, Severity.CRITICAL, seatId, e.txHash(),
        j.why() + " (transaction " + e.txHash() + ", block " + e.blockNumber() + ")"));
    SeatState current = transitions.current(h, seatId);
    if (current.canMoveTo(SeatState.EXCEPTION)) {
      transitions.toException(h, seatId, "front-running deposit: " + j.why(), evidence);
    }
    LOG.warn("front-running deposit for seat {} in transaction {}", seatId, e.txHash());
  }

  /**
   * Where to rescan from after a reorg, if the chain changed under the kept blocks. A block hash
   * commits to every ancestor, so when the newest kept block is unchanged nothing below it changed
   * and one request answers the common case. Otherwise the fork is above the highest kept block that
   * is unchanged: the rescan starts right after it (not at the lowest changed kept block, which can
   * lie well above the fork when kept blocks are a range apart). When none of the checked blocks is
   * unchanged the fork is deeper than the check reaches: rescan from the start block.
   */
  private Optional<Long> findReorg() {
    List<java.util.Map.Entry<Long, String>> kept = jdbi.withHandle(h -> h.createQuery(
            "SELECT block_number, block_hash FROM el_processed_blocks ORDER BY block_number DESC LIMIT :n")
        .bind("n", settings.reorgCheckDepth())
        .map((rs, ctx) -> java.util.Map.entry(rs.getLong(1), rs.getString(2))).list());
    for (int i = 0; i < kept.size(); i++) {
      var k = kept.get(i);
      if (k.getValue().equals(hashNow(k.getKey()))) {
        return i == 0 ? Optional.empty() : Optional.of(k.getKey() + 1);
      }
    }
    return kept.isEmpty() ? Optional.empty() : Optional.of(settings.startBlock());
  }

  /**
   * The canonical hash at a height now. Only a different hash is a reorg: a failed read (a 429 after
   * its retries, a timeout) or no block at all (a backend of a load balancer a few blocks behind, or
   * a chain that got shorter for a moment) fails the round, which is tried again; treating it as "the
   * hash changed" would move a funded seat back on a hiccup.
   */
  private String hashNow(long block) {
    return el.block(BigInteger.valueOf(block)).hash().toLowerCase(Locale.ROOT);
  }

  private void rewind(long reorgAt, long head) {
    jdbi.useTransaction(h -> {
      OffsetDateTime now = now();
      List<Judgement> undone = h.createQuery("UPDATE deposit_observations SET reorged_at = :at WHERE block_number >= :b"
              + " AND reorged_at IS NULL RETURNING seat_id, verdict, tx_hash, block_number, block_hash")
          .bind("at", now).bind("b", reorgAt)
          .map((rs, ctx) -> new Judgement(rs.getObject("seat_id") == null ? null : rs.getLong("seat_id"),
              rs.getString("verdict"), rs.getString("tx_hash"), rs.getLong("block_number"), rs.getString("block_hash")))
          .list();
      for (Judgement j : undone) {
        if (j.seatId() != null && j.verdict().equals(Verdict.OURS.name())) {
          boolean moved = transitions.rewindDeposit(h, j.seatId(), Evidence.log(j.txHash(), j.block(), j.blockHash(),
              "DepositEvent reorged", "block " + j.block() + " left the canonical chain", ACTOR));
          alerts.raise(h, ROLE, AlertSignal.forSeat(AlertKind.REORG, Severity.CRITICAL, j.seatId(), "block-" + j.block(),
              "the block " + j.block() + " holding the seat's deposit " + j.txHash() + " was reorged"
                  + (moved ? "; seat moved back to ALLOWLISTED" : "")));
        }
      }
      h.createUpdate("DELETE FROM el_processed_blocks WHERE block_number >= :b").bind("b", reorgAt).execute();
      alerts.raise(h, ROLE, AlertSignal.global(AlertKind.REORG, Severity.WARNING, "block-" + reorgAt,
          "reorg below the confirmation depth: block " + reorgAt + " changed; rescanning from there"));
      cursors.advance(h, ROLE, Math.max(0, reorgAt - 1), head - settings.confirmations(), holder);
    });
    LOG.warn("reorg detected at block {}: cursor rewound", reorgAt);
  }

  private record Judgement(Long seatId, String verdict, String txHash, long block, String blockHash) {}

  /**
   * The DepositEvents of {@code from..to} in chain order, asked in slices of the endpoint's working
   * size ({@link LogRangeSize}), at most {@link #PARALLEL_SLICES} at a time. A slice the endpoint
   * refuses for its size is asked again in halves, and the working size shrinks with it.
   */
  private List<DepositEventLog> fetch(ExecutionClient client, LogRangeSize range, long from, long to) {
    List<DepositEventLog> out = new ArrayList<>();
    long start = from;
    if (!range.proven()) {
      // a size not yet known to work is tried once first, so the other slices go out at the size it teaches
      long probeTo = Math.min(to, from + range.blocks() - 1);
      out.addAll(slice(client, range, from, probeTo));
      start = probeTo + 1;
    }
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(PARALLEL_SLICES);
    List<Future<List<DepositEventLog>>> slices = new ArrayList<>();
    long step = range.blocks();
    for (long a = start; a <= to; a += step) {
      long sliceFrom = a;
      long sliceTo = Math.min(to, a + step - 1);
      slices.add(READS.submit(() -> {
        inFlight.acquireUninterruptibly();
        try {
          return slice(client, range, sliceFrom, sliceTo);
        } finally {
          inFlight.release();
        }
      }));
    }
    for (Future<List<DepositEventLog>> slice : slices) {
      out.addAll(join(slice));
    }
    return out;
  }

  /**
   * One slice; refused as too large, it is asked again in pieces of the working size (at most half
   * of it), down to one block, which cannot be split.
   */
  private List<DepositEventLog> slice(ExecutionClient client, LogRangeSize range, long from, long to) {
    long blocks = to - from + 1;
    try {
      List<DepositEventLog> logs = DepositEventLog.fetch(client, settings.depositContract(), from, to);
      range.succeeded(blocks);
      return logs;
    } catch (ChainException e) {
      if (e.code() != ChainErrorCode.LOG_QUERY_TOO_LARGE || blocks == 1) {
        throw e;
      }
      range.refused(blocks);
      long step = Math.min(range.blocks(), (blocks + 1) / 2);
      LOG.info("{}: eth_getLogs of {} blocks refused as too large; asking {} blocks at a time", client.label(), blocks, step);
      List<DepositEventLog> out = new ArrayList<>();
      for (long a = from; a <= to; a += step) {
        out.addAll(slice(client, range, a, Math.min(to, a + step - 1)));
      }
      return out;
    }
  }

  private static <T> T join(Future<T> read) {
    try {
      return read.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new ChainException(ChainErrorCode.RPC_ERROR, "read failed: " + e.getCause().getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainException(ChainErrorCode.ENDPOINT_UNAVAILABLE, "interrupted while reading");
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
