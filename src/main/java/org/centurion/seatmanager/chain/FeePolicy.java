package org.centurion.seatmanager.chain;

import java.math.BigInteger;

/**
 * How fees are chosen.
 *
 * @param maxFeePerGasCapWei never pay more per gas than this ({@code SEAT_MANAGER_MAX_FEE_GWEI})
 * @param minPriorityFeeWei floor for the tip, so a quiet fee history does not produce a zero tip
 * @param historyBlocks how many recent blocks {@code eth_feeHistory} looks at
 * @param rewardPercentile which percentile of those blocks' tips to pay
 */
public record FeePolicy(BigInteger maxFeePerGasCapWei, BigInteger minPriorityFeeWei, int historyBlocks, double rewardPercentile) {
  /** Replacement transactions must raise both fees by at least this (geth and reth need 10 %). */
  public static final int REPLACEMENT_BUMP_PERCENT = 13;

  public FeePolicy {
    if (maxFeePerGasCapWei == null || maxFeePerGasCapWei.signum() <= 0) {
      throw new IllegalArgumentException("fee cap must be positive");
    }
    if (minPriorityFeeWei == null || minPriorityFeeWei.signum() < 0 || minPriorityFeeWei.compareTo(maxFeePerGasCapWei) > 0) {
      throw new IllegalArgumentException("minimum tip must be in [0, cap]");
    }
    if (historyBlocks < 1 || historyBlocks > 1024) {
      throw new IllegalArgumentException("historyBlocks must be in [1, 1024]");
    }
    if (!(rewardPercentile >= 0 && rewardPercentile <= 100)) {
      throw new IllegalArgumentException("rewardPercentile must be in [0, 100]");
    }
  }

  public static FeePolicy withCapGwei(long capGwei) {
    BigInteger gwei = BigInteger.TEN.pow(9);
    return new FeePolicy(BigInteger.valueOf(capGwei).multiply(gwei), gwei.divide(BigInteger.TEN), 10, 50.0);
  }
}
