package org.centurion.seatmanager.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.protocol.core.methods.response.EthFeeHistory;

/**
 * EIP-1559 fee suggestions from {@code eth_feeHistory}, never above the configured cap: when the
 * chain needs more than the cap, it refuses with FEE_CAP_EXCEEDED instead of sending a transaction
 * that cannot be included.
 */
public final class FeeOracle {
  private static final BigInteger TWO = BigInteger.TWO;
  private final FeePolicy policy;

  public FeeOracle(FeePolicy policy) {
    this.policy = policy;
  }

  public FeeSuggestion suggest(ExecutionClient client) {
    EthFeeHistory.FeeHistory history = client.feeHistory(policy.historyBlocks(), List.of(policy.rewardPercentile()));
    if (history == null || history.getBaseFeePerGas() == null || history.getBaseFeePerGas().isEmpty()) {
      throw new ChainException(ChainErrorCode.RPC_ERROR, client.label() + ": eth_feeHistory returned no base fees");
    }
    List<BigInteger> baseFees = history.getBaseFeePerGas();
    // The list has one more entry than blocks: the last is the base fee of the block to come.
    BigInteger nextBase = baseFees.get(baseFees.size() - 1);
    BigInteger tip = medianTip(history).max(policy.minPriorityFeeWei());
    return capped(nextBase.multiply(TWO).add(tip), tip, nextBase);
  }

  /**
   * Fees for a replacement at the same nonce: the fresh suggestion, but at least the previous fees
   * raised by {@link FeePolicy#REPLACEMENT_BUMP_PERCENT}, still under the cap.
   */
  public FeeSuggestion replacement(FeeSuggestion previous, FeeSuggestion fresh) {
    BigInteger tip = fresh.maxPriorityFeePerGas().max(bump(previous.maxPriorityFeePerGas()));
    BigInteger maxFee = fresh.maxFeePerGas().max(bump(previous.maxFeePerGas())).max(tip);
    if (maxFee.compareTo(policy.maxFeePerGasCapWei()) > 0) {
      throw new ChainException(ChainErrorCode.FEE_CAP_EXCEEDED,
          "a replacement needs maxFeePerGas " + maxFee + " wei, above the cap of " + policy.maxFeePerGasCapWei() + " wei");
    }
    return new FeeSuggestion(maxFee, tip, fresh.nextBaseFeePerGas());
  }

  private FeeSuggestion capped(BigInteger wanted, BigInteger tip, BigInteger nextBase) {
    BigInteger cap = policy.maxFeePerGasCapWei();
    BigInteger needed = nextBase.add(tip);
    if (needed.compareTo(cap) > 0) {
      throw new ChainException(ChainErrorCode.FEE_CAP_EXCEEDED,
          "next base fee " + nextBase + " wei plus tip " + tip + " wei exceeds the cap of " + cap + " wei");
    }
    // Headroom above the next base fee is what keeps the tx includable if the base fee rises.
    return new FeeSuggestion(wanted.min(cap), tip, nextBase);
  }

  private static BigInteger bump(BigInteger fee) {
    BigInteger scaled = fee.multiply(BigInteger.valueOf(100L + FeePolicy.REPLACEMENT_BUMP_PERCENT));
    BigInteger[] qr = scaled.divideAndRemainder(BigInteger.valueOf(100));
    return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
  }

  private static BigInteger medianTip(EthFeeHistory.FeeHistory history) {
    List<BigInteger> tips = new ArrayList<>();
    if (history.getReward() != null) {
      for (List<BigInteger> perBlock : history.getReward()) {
        if (perBlock != null && !perBlock.isEmpty() && perBlock.get(0) != null) {
          tips.add(perBlock.get(0));
        }
      }
    }
    if (tips.isEmpty()) {
      return BigInteger.ZERO;
    }
    tips.sort(null);
    return tips.get(tips.size() / 2);
  }
}
