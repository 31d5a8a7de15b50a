package org.centurion.seatmanager.signing;

import java.math.BigInteger;
import java.util.Objects;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.transaction.type.Transaction1559;

/**
 * What the isolated signer is willing to sign: EIP-1559 transactions for one chain, to one router,
 * within value, fee and gas caps. Anything else is refused before the key is touched.
 *
 * @param router the only allowed target, 0x-prefixed
 * @param maxValueWei largest {@code value} of one transaction
 * @param maxFeePerGasWei largest {@code maxFeePerGas}
 * @param maxGasLimit largest {@code gasLimit}
 */
public record SignerPolicy(
    long chainId, String router, BigInteger maxValueWei, BigInteger maxFeePerGasWei, BigInteger maxGasLimit) {
  public SignerPolicy {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chain id must be positive");
    }
    if (router == null || !WalletUtils.isValidAddress(router) || !router.startsWith("0x")) {
      throw new IllegalArgumentException("router must be a 0x-prefixed 20-byte address");
    }
    router = router.toLowerCase(java.util.Locale.ROOT);
    Objects.requireNonNull(maxValueWei, "maxValueWei");
    Objects.requireNonNull(maxFeePerGasWei, "maxFeePerGasWei");
    Objects.requireNonNull(maxGasLimit, "maxGasLimit");
    if (maxValueWei.signum() < 0 || maxFeePerGasWei.signum() <= 0 || maxGasLimit.signum() <= 0) {
      throw new IllegalArgumentException("caps must be positive (value cap may be zero)");
    }
  }

  /** Throws a {@link SigningException} naming the first rule {@code tx} breaks. */
  public void check(RawTransaction tx) {
    Transaction1559 t = Eip1559Signing.requireEip1559(tx, chainId);
    if (!router.equalsIgnoreCase(t.getTo())) {
      throw new SigningException(
          SigningErrorCode.POLICY_TARGET_NOT_ALLOWED, "target " + t.getTo() + " is not the configured router " + router);
    }
    if (t.getValue().compareTo(maxValueWei) > 0) {
      throw new SigningException(
          SigningErrorCode.POLICY_VALUE_CAP, "value " + t.getValue() + " wei exceeds the cap of " + maxValueWei + " wei");
    }
    if (t.getMaxFeePerGas().compareTo(maxFeePerGasWei) > 0) {
      throw new SigningException(
          SigningErrorCode.POLICY_FEE_CAP,
          "maxFeePerGas " + t.getMaxFeePerGas() + " wei exceeds the cap of " + maxFeePerGasWei + " wei");
    }
    if (t.getMaxPriorityFeePerGas().compareTo(t.getMaxFeePerGas()) > 0) {
      throw new SigningException(SigningErrorCode.POLICY_FEE_CAP, "maxPriorityFeePerGas exceeds maxFeePerGas");
    }
    if (t.getGasLimit().compareTo(maxGasLimit) > 0) {
      throw new SigningException(
          SigningErrorCode.POLICY_GAS_CAP, "gasLimit " + t.getGasLimit() + " exceeds the cap of " + maxGasLimit);
    }
  }
}
