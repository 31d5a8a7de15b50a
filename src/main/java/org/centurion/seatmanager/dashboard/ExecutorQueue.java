package org.centurion.seatmanager.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The executor's queue as the operations table shows it, and whether the executor moves it. */
public final class ExecutorQueue {
  /** Consecutive failed ticks after which an operation counts as wedging the executor. */
  public static final int WEDGED_AFTER_TICKS = 3;

  /**
   * @param queued waiting to run
   * @param inFlight sent, waiting for the chain
   * @param failed given up on: a human must look
   * @param stale queued or in flight and untouched for longer than the stale threshold
   * @param wedged queued operations whose start failed {@link #WEDGED_AFTER_TICKS} ticks in a row or more
   * @param stuckTransactions open TRANSACTION_STUCK alerts: our pending transactions stopped advancing (a nonce gap)
   * @param paused why the pipeline signs nothing new, if it does not: the leading executor's own reason, or
   *     no executor tick for longer than the stale threshold while operations wait
   * @param problems one line per condition above, for the dashboard's executor panel
   */
  public record Snapshot(long queued, long inFlight, long failed, long stale, Map<String, Long> byStatus, long wedged,
      long stuckTransactions, Optional<String> paused, List<String> problems) {
    public static final Snapshot UNKNOWN = new Snapshot(0, 0, 0, 0, Map.of(), 0, 0, Optional.empty(), List.of());

    /** Something about the executor an operator must look at. */
    public boolean troubled() {
      return failed > 0 || stale > 0 || wedged > 0 || stuckTransactions > 0 || paused.isPresent();
    }
  }

  private final Jdbi jdbi;
  private final Clock clock;
  private final Duration staleAfter;

  public ExecutorQueue(Jdbi jdbi, Clock clock, Duration staleAfter) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.staleAfter = staleAfter;
  }

  public Snapshot snapshot() {
    return jdbi.withHandle(h -> {
      Map<String, Long> by = new TreeMap<>();
      h.createQuery("SELECT status, count(*) AS n FROM operations GROUP BY status")
          .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("n"))).forEach(e -> by.put(e.getKey(), e.getValue()));
      OffsetDateTime cutoff = OffsetDateTime.ofInstant(clock.instant().minus(staleAfter), ZoneOffset.UTC);
      long stale = h.createQuery("SELECT count(*) FROM operations WHERE status IN ('QUEUED', 'IN_FLIGHT')"
              + " AND updated_at < :cutoff AND not_before < :cutoff")
          .bind("cutoff", cutoff).mapTo(Long.class).one();
      List<String> wedging = h.createQuery("SELECT id, kind, tick_failures, last_error FROM operations"
              + " WHERE status = 'QUEUED' AND tick_failures >= :n ORDER BY id LIMIT 20")
          .bind("n", WEDGED_AFTER_TICKS)
          .map((rs, ctx) -> "operation " + rs.getLong("id") + " (" + rs.getString("kind") + ") failed to start "
              + rs.getInt("tick_failures") + " ticks in a row: " + Optional.ofNullable(rs.getString("last_error")).orElse("no reason recorded"))
          .list();
      long wedged = h.createQuery("SELECT count(*) FROM operations WHERE status = 'QUEUED' AND tick_failures >= :n")
          .bind("n", WEDGED_AFTER_TICKS).mapTo(Long.class).one();
      List<String> stuck = h.createQuery("SELECT message FROM alerts WHERE kind = 'TRANSACTION_STUCK' AND resolved_at IS NULL"
              + " ORDER BY id").mapTo(String.class).list();
      long waiting = by.getOrDefault("QUEUED", 0L) + by.getOrDefault("IN_FLIGHT", 0L);
      Optional<String> paused = paused(h, cutoff, waiting);
      List<String> problems = new ArrayList<>(wedging);
      stuck.forEach(m -> problems.add("TRANSACTION_STUCK: " + m));
      paused.ifPresent(p -> problems.add("paused: " + p));
      return new Snapshot(by.getOrDefault("QUEUED", 0L), by.getOrDefault("IN_FLIGHT", 0L),
          by.getOrDefault("FAILED", 0L), stale, by, wedged, stuck.size(), paused, List.copyOf(problems));
    });
  }

  /** The newest heartbeat of any executor: its own pause reason, or silence while work waits. */
  private static Optional<String> paused(Handle h, OffsetDateTime cutoff, long waiting) {
    Optional<String> emergency = h.createQuery("SELECT 'emergency pause by ' || changed_by || ' at ' || changed_at || ': ' || reason"
        + " FROM executor_pause WHERE id = 1 AND paused").mapTo(String.class).findOne();
    if (emergency.isPresent()) {
      return emergency; // issue 15: every executor signs nothing new, whatever their heartbeats say
    }
    Optional<Map<String, Object>> beat = h.createQuery("SELECT last_tick_at, paused_reason FROM executor_heartbeat"
            + " ORDER BY last_tick_at DESC LIMIT 1").mapToMap().findOne();
    if (beat.isEmpty()) {
      return Optional.empty(); // no executor ever ran here: waiting operations show as stale
    }
    Object reason = beat.get().get("paused_reason");
    OffsetDateTime last = ((java.sql.Timestamp) beat.get().get("last_tick_at")).toInstant().atOffset(ZoneOffset.UTC);
    if (last.isBefore(cutoff) && waiting > 0) {
      return Optional.of("no executor tick since " + last.toInstant() + ", and " + waiting + " operation(s) wait");
    }
    return reason == null ? Optional.empty() : Optional.of("signing nothing new: " + reason);
  }
}
