package org.centurion.seatmanager.chain;

import java.time.Duration;

/**
 * Timeouts and read retries of one JSON-RPC endpoint. Writes ({@code eth_sendRawTransaction}) are
 * never retried here: the pipeline decides, knowing the transaction hash.
 *
 * @param timeout bound on one request, connect to last byte
 * @param readAttempts tries per read, at least 1
 * @param initialBackoff pause after the first failed try, doubled each time
 * @param maxBackoff upper bound of the pause
 */
public record RpcSettings(Duration timeout, int readAttempts, Duration initialBackoff, Duration maxBackoff) {
  public RpcSettings {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (readAttempts < 1 || readAttempts > 10) {
      throw new IllegalArgumentException("readAttempts must be in [1, 10]");
    }
    if (initialBackoff == null || maxBackoff == null || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backoffs must satisfy 0 <= initial <= max");
    }
  }

  /** 10 s per request, 3 tries with 250 ms, 500 ms pauses. */
  public static RpcSettings defaults() {
    return new RpcSettings(Duration.ofSeconds(10), 3, Duration.ofMillis(250), Duration.ofSeconds(2));
  }

  Duration backoffBefore(int attempt) {
    long factor = 1L << Math.min(attempt - 2, 20);
    Duration d = initialBackoff.multipliedBy(factor);
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
