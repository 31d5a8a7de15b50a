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
    return suggest(List.of(client), DEFAULT_DEADLINE);
  }

  private static final java.time.Duration DEFAULT_DEADLINE = java.time.Duration.ofSeconds(15);

  /** What one endpoint says the next block's base fee and a fair tip are. */
  private record Quote(BigInteger nextBase, BigInteger tip) {}

  /**
   * Fees from every endpoint that answers, so that no single endpoint sets them: the highest next
   * base fee (a lying low one cannot make the transaction unincludable), and the highest tip that
   * still fits under the cap with it (a lying low tip cannot stall it; a lying high one is bounded
   * by the cap like any fee). Fails only when no endpoint answers, or when even the lowest tip does
   * not fit (FEE_CAP_EXCEEDED: the operation waits, unsigned).
   *
   * @param deadline bound on the whole question (the cross-check's)
   */
  public FeeSuggestion suggest(List<ExecutionClient> endpoints, java.time.Duration deadline) {
    List<Quote> quotes = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    // asked together, bounded by the deadline: a silent endpoint costs one deadline, not one per endpoint
    try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      List<java.util.concurrent.Callable<Quote>> asks = endpoints.stream()
          .<java.util.concurrent.Callable<Quote>>map(c -> () -> quote(c)).toList();
      for (java.util.concurrent.Future<Quote> f : pool.invokeAll(asks, deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        if (f.isCancelled()) {
          failures.add("no answer within " + deadline.toMillis() + " ms");
          continue;
        }
        try {
          quotes.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          failures.add(e.getCause() instanceof ChainException ce ? ce.getMessage() : e.getCause().toString());
        }
      }
      pool.shutdownNow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainException(ChainErrorCode.ENDPOINT_UNAVAILABLE, "interrupted while asking for fees");
    }
    if (quotes.isEmpty()) {
      throw new ChainException(ChainErrorCode.ENDPOINT_UNAVAILABLE, "no endpoint answered eth_feeHistory: " + String.join("; ", failures));
    }
    BigInteger nextBase = quotes.stream().map(Quote::nextBase).max(BigInteger::compareTo).orElseThrow();
    BigInteger room = policy.maxFeePerGasCapWei().subtract(nextBase);
    List<BigInteger> tips = quotes.stream().map(Quote::tip).sorted().toList();
    BigInteger tip = tips.get(0);
    for (BigInteger t : tips) {
      if (t.compareTo(room) <= 0) {
        tip = t;
      }
    }
    return capped(nextBase.multiply(TWO).add(tip), tip, nextBase);
  }

  private Quote quote(ExecutionClient client) {
    EthFeeHistory.FeeHistory history = client.feeHistory(policy.historyBlocks(), List.of(policy.rewardPercentile()));
    if (history == null || history.getBaseFeePerGas() == null || history.getBaseFeePerGas().isEmpty()) {
      throw new ChainException(ChainErrorCode.RPC_ERROR, client.label() + ": eth_feeHistory returned no base fees");
    }
    List<BigInteger> baseFees = history.getBaseFeePerGas();
    // The list has one more entry than blocks: the last is the base fee of the block to come.
    BigInteger nextBase = baseFees.get(baseFees.size() - 1);
    return new Quote(nextBase, medianTip(history).max(policy.minPriorityFeeWei()));
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
