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
 * @param stuckBlocks blocks without our lowest pending nonce advancing before its bytes are sent again, and as
 *     many again before TRANSACTION_STUCK is raised
 * @param reorgWindow how many blocks below the head the blocks of settled intents are re-checked for a reorg
 */
public record ExecutorSettings(
    long chainId,
    String router,
    int confirmations,
    Duration cadence,
    Duration stuckAfter,
    Duration retryDelay,
    int batchSize,
    int gasMarginPercent,
    int stuckBlocks,
    int reorgWindow) {
  /** Blocks without progress before the same bytes are sent again (≈ 2.4 minutes of 12 s blocks). */
  public static final int DEFAULT_STUCK_BLOCKS = 12;
  /** Settled intents this far below the head are re-checked against the canonical chain every tick. */
  public static final int DEFAULT_REORG_WINDOW = 128;

  public ExecutorSettings {
    Objects.requireNonNull(router, "router");
    router = router.toLowerCase(Locale.ROOT);
    if (!router.matches("0x[0-9a-f]{40}")) {
      throw new IllegalArgumentException("router must be a 20-byte hex address");
    }
    if (chainId < 1 || confirmations < 1 || batchSize < 1 || gasMarginPercent < 0 || gasMarginPercent > 200
        || stuckBlocks < 1 || reorgWindow < confirmations) {
      throw new IllegalArgumentException("chainId, confirmations, batchSize and stuckBlocks must be positive; gas margin in"
          + " [0, 200]; the reorg window at least the confirmation depth");
    }
    for (Duration d : new Duration[] {cadence, stuckAfter, retryDelay}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("cadence, stuckAfter and retryDelay must be positive");
      }
    }
  }

  /** With the default stuck and reorg thresholds. */
  public ExecutorSettings(long chainId, String router, int confirmations, Duration cadence, Duration stuckAfter,
      Duration retryDelay, int batchSize, int gasMarginPercent) {
    this(chainId, router, confirmations, cadence, stuckAfter, retryDelay, batchSize, gasMarginPercent, DEFAULT_STUCK_BLOCKS,
        Math.max(DEFAULT_REORG_WINDOW, confirmations));
  }

  /** Production defaults around the configured chain: 12 s ticks, replace after 3 minutes, retry after 30 s. */
  public static ExecutorSettings of(long chainId, String router, int confirmations) {
    return new ExecutorSettings(chainId, router, confirmations, Duration.ofSeconds(12), Duration.ofMinutes(3),
        Duration.ofSeconds(30), 10, 25);
  }

  /**
   * What production runs with: the configured chain, router and depth ({@code SEAT_MANAGER_CONFIRMATIONS},
   * where 0 means "included", i.e. depth 1). The one place this derivation lives, for the runtime and its tests.
   *
   * @throws org.centurion.seatmanager.config.ConfigException when no router is configured
   */
  public static ExecutorSettings forChain(org.centurion.seatmanager.config.Config.Chain chain) {
    String router = chain.router().orElseThrow(() -> new org.centurion.seatmanager.config.ConfigException(
        "the executor needs SEAT_MANAGER_ROUTER_ADDRESS"));
    return of(chain.chainId(), router, Math.max(1, chain.confirmations()));
  }

  public ExecutorSettings withTiming(Duration cadence, Duration stuckAfter, Duration retryDelay) {
    return new ExecutorSettings(chainId, router, confirmations, cadence, stuckAfter, retryDelay, batchSize, gasMarginPercent,
        stuckBlocks, reorgWindow);
  }

  public ExecutorSettings withStuckBlocks(int blocks) {
    return new ExecutorSettings(chainId, router, confirmations, cadence, stuckAfter, retryDelay, batchSize, gasMarginPercent,
        blocks, reorgWindow);
  }
}
