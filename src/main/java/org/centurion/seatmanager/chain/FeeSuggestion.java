package org.centurion.seatmanager.chain;

import java.math.BigInteger;

/**
 * EIP-1559 fees for one transaction.
 *
 * @param nextBaseFeePerGas the base fee the node expects for the next block, for the record
 */
public record FeeSuggestion(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas, BigInteger nextBaseFeePerGas) {
  public FeeSuggestion {
    if (maxFeePerGas.signum() <= 0 || maxPriorityFeePerGas.signum() < 0 || maxPriorityFeePerGas.compareTo(maxFeePerGas) > 0) {
      throw new IllegalArgumentException("fees must satisfy 0 <= priority <= maxFee, maxFee > 0");
    }
  }
}
