package org.centurion.seatmanager.ops;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the executor runs.
 *
 * @param chainId the chain every transaction is signed for ({@code SEAT_MANAGER_CHAIN_ID})
 * @param router the TreasuryRouter every operation is executed through ({@code SEAT_MANAGER_ROUTER_ADDRESS})
 * @param confirmations receipt depth before a verdict counts ({@code SEAT_MANAGER_CONFIRMATIONS}); 1 = included
 * @param cadence pause between ticks of {@link OperationExecutor#run}
 * @param stuckAfter a sent transaction not mined after this is replaced at the same nonce with higher fees
 * @param retryDelay how long an operation refused before signing (endpoints disagree, node down) waits
 * @param batchSize most new operations started per tick
 * @param gasMarginPercent added to the gas estimate, so small state changes before inclusion do not run out of gas
 */
public record ExecutorSettings(
    long chainId,
    String router,
    int confirmations,
    Duration cadence,
    Duration stuckAfter,
    Duration retryDelay,
    int batchSize,
    int gasMarginPercent) {
  public ExecutorSettings {
    Objects.requireNonNull(router, "router");
    router = router.toLowerCase(Locale.ROOT);
    if (!router.matches("0x[0-9a-f]{40}")) {
      throw new IllegalArgumentException("router must be a 20-byte hex address");
    }
    if (chainId < 1 || confirmations < 1 || batchSize < 1 || gasMarginPercent < 0 || gasMarginPercent > 200) {
      throw new IllegalArgumentException("chainId, confirmations and batchSize must be positive; gas margin in [0, 200]");
    }
    for (Duration d : new Duration[] {cadence, stuckAfter, retryDelay}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("cadence, stuckAfter and retryDelay must be positive");
      }
    }
  }

  /** Production defaults around the configured chain: 12 s ticks, replace after 3 minutes, retry after 30 s. */
  public static ExecutorSettings of(long chainId, String router, int confirmations) {
    return new ExecutorSettings(chainId, router, confirmations, Duration.ofSeconds(12), Duration.ofMinutes(3),
        Duration.ofSeconds(30), 10, 25);
  }

  public ExecutorSettings withTiming(Duration cadence, Duration stuckAfter, Duration retryDelay) {
    return new ExecutorSettings(chainId, router, confirmations, cadence, stuckAfter, retryDelay, batchSize, gasMarginPercent);
  }
}
