package org.centurion.seatmanager.auth;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets per key (a username, an IP, a key id), in memory, per instance. Persistent
 * protection (the lockout) lives in the database; this only blunts bursts. Keys are bounded so a
 * flood of distinct usernames cannot exhaust memory.
 */
public final class RateLimiter {
  private static final int MAX_KEYS = 100_000;

  private final long perWindow;
  private final Duration window;
  private final TimeMeter time;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(long perWindow, Duration window, Clock clock) {
    this.perWindow = perWindow;
    this.window = window;
    this.time = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return clock.millis() * 1_000_000L;
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
  }

  /** Takes one token for {@code key}; false when its budget for the window is spent. */
  public boolean tryAcquire(String key) {
    if (buckets.size() >= MAX_KEYS && !buckets.containsKey(key)) {
      // Forgetting everyone is coarse, but only reachable under a flood; the DB lockout still holds.
      buckets.clear();
    }
    return buckets.computeIfAbsent(key, k -> Bucket.builder()
        .addLimit(l -> l.capacity(perWindow).refillGreedy(perWindow, window))
        .withCustomTimePrecision(time)
        .build()).tryConsume(1);
  }
}
