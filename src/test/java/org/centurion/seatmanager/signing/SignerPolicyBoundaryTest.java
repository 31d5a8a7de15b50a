package org.centurion.seatmanager.signing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.RawTransaction;

/**
 * Each cap of the isolated signer's policy at its edge: exactly the cap is signed, one more is refused
 * (surviving boundary mutants of PIT showed no test held the edges).
 */
class SignerPolicyBoundaryTest {
  private static final long CHAIN = 286;
  private static final String ROUTER = "0x00000000000000000000000000000000000000aa";
  private static final BigInteger VALUE_CAP = BigInteger.valueOf(32_000);
  private static final BigInteger FEE_CAP = BigInteger.valueOf(100);
  private static final BigInteger GAS_CAP = BigInteger.valueOf(500_000);
  private static final SignerPolicy POLICY = new SignerPolicy(CHAIN, ROUTER, VALUE_CAP, FEE_CAP, GAS_CAP);

  private static RawTransaction tx(BigInteger value, BigInteger priorityFee, BigInteger maxFee, BigInteger gas) {
    return RawTransaction.createTransaction(CHAIN, BigInteger.ZERO, gas, ROUTER, value, "0x", priorityFee, maxFee);
  }

  private static void refused(RawTransaction t, SigningErrorCode code) {
    assertThatThrownBy(() -> POLICY.check(t)).isInstanceOfSatisfying(SigningException.class,
        e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void everyCapIsInclusive() {
    assertThatCode(() -> POLICY.check(tx(VALUE_CAP, FEE_CAP, FEE_CAP, GAS_CAP))).doesNotThrowAnyException();
  }

  @Test
  void oneAboveAnyCapIsRefused() {
    BigInteger one = BigInteger.ONE;
    refused(tx(VALUE_CAP.add(one), one, FEE_CAP, GAS_CAP), SigningErrorCode.POLICY_VALUE_CAP);
    refused(tx(VALUE_CAP, one, FEE_CAP.add(one), GAS_CAP), SigningErrorCode.POLICY_FEE_CAP);
    refused(tx(VALUE_CAP, FEE_CAP.add(one), FEE_CAP, GAS_CAP), SigningErrorCode.POLICY_FEE_CAP);
    refused(tx(VALUE_CAP, one, FEE_CAP, GAS_CAP.add(one)), SigningErrorCode.POLICY_GAS_CAP);
  }

  @Test
  void theCapsThemselvesMustBeSane() {
    BigInteger one = BigInteger.ONE;
    assertThatCode(() -> new SignerPolicy(1, ROUTER, BigInteger.ZERO, one, one)).doesNotThrowAnyException();
    assertThatThrownBy(() -> new SignerPolicy(0, ROUTER, one, one, one)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignerPolicy(1, ROUTER, one.negate(), one, one)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignerPolicy(1, ROUTER, one, BigInteger.ZERO, one)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignerPolicy(1, ROUTER, one, one, BigInteger.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
