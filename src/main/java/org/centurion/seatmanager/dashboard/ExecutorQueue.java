package org.centurion.seatmanager.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/** The executor's queue as the operations table shows it. */
public final class ExecutorQueue {
  /**
   * @param queued waiting to run
   * @param inFlight sent, waiting for the chain
   * @param failed given up on: a human must look
   * @param stale queued or in flight and untouched for longer than the stale threshold
   */
  public record Snapshot(long queued, long inFlight, long failed, long stale, Map<String, Long> byStatus) {}

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
      long stale = h.createQuery("SELECT count(*) FROM operations WHERE status IN ('QUEUED', 'IN_FLIGHT')"
              + " AND updated_at < :cutoff AND not_before < :cutoff")
          .bind("cutoff", OffsetDateTime.ofInstant(clock.instant().minus(staleAfter), ZoneOffset.UTC))
          .mapTo(Long.class).one();
      return new Snapshot(by.getOrDefault("QUEUED", 0L), by.getOrDefault("IN_FLIGHT", 0L),
          by.getOrDefault("FAILED", 0L), stale, by);
    });
  }
}
