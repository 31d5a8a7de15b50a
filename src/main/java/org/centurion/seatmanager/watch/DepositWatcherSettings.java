package org.centurion.seatmanager.watch;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * @param depositContract the deposit contract (server-controlled, from config)
 * @param ourSenders addresses whose transactions are the treasury's: the router (as the transaction's
 *     target) and the treasury signer (as its sender), lower-case
 * @param startBlock the first block to scan when no cursor exists yet (the contract's deployment block)
 * @param confirmations blocks below the head before a log is acted on
 * @param maxRange blocks per eth_getLogs request
 * @param reorgCheckDepth how many of the newest processed blocks are re-checked each round
 * @param rangesPerRound how many {@code maxRange} slices one round covers while catching up (one
 *     commit for all of them; {@code DepositCatchUpBenchmark})
 */
public record DepositWatcherSettings(String depositContract, Set<String> ourSenders, long startBlock, int confirmations,
    long maxRange, int reorgCheckDepth, int rangesPerRound) {
  public static final int DEFAULT_RANGES_PER_ROUND = 16;

  public DepositWatcherSettings(String depositContract, Set<String> ourSenders, long startBlock, int confirmations,
      long maxRange, int reorgCheckDepth) {
    this(depositContract, ourSenders, startBlock, confirmations, maxRange, reorgCheckDepth, DEFAULT_RANGES_PER_ROUND);
  }

  public DepositWatcherSettings withRangesPerRound(int n) {
    return new DepositWatcherSettings(depositContract, ourSenders, startBlock, confirmations, maxRange, reorgCheckDepth, n);
  }

  public DepositWatcherSettings {
    if (depositContract == null || !depositContract.toLowerCase(Locale.ROOT).matches("0x[0-9a-f]{40}")) {
      throw new IllegalArgumentException("deposit contract must be a 0x address");
    }
    depositContract = depositContract.toLowerCase(Locale.ROOT);
    ourSenders = ourSenders.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    if (ourSenders.isEmpty()) {
      throw new IllegalArgumentException("at least the router address is needed to tell our deposits from others'");
    }
    if (startBlock < 0 || confirmations < 0 || maxRange < 1 || reorgCheckDepth < 1 || rangesPerRound < 1) {
      throw new IllegalArgumentException("start >= 0, confirmations >= 0, range >= 1, reorg depth >= 1, ranges per round >= 1");
    }
  }
}
