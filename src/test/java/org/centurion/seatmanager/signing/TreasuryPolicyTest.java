package org.centurion.seatmanager.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.centurion.seatmanager.abi.TreasuryAbi;
import org.centurion.seatmanager.abi.TreasuryCall;
import org.centurion.seatmanager.abi.VaultCreationCode;
import org.centurion.seatmanager.abi.VaultDerivation;
import org.centurion.seatmanager.deposit.DepositSsz;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.RawTransaction;

/**
 * The policy's edges that need no chain (the on-chain matrix is {@link TreasuryCompromiseMatrixTest}):
 * strict decoding, argument checks, and the calls at exactly their caps.
 */
class TreasuryPolicyTest {
  private static final String ROUTER = "0x00000000000000000000000000000000000a11ce";
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);
  private static final SignerPolicy OUTER = new SignerPolicy(286, ROUTER, BigInteger.ZERO, GWEI.multiply(BigInteger.valueOf(100)),
      BigInteger.valueOf(3_000_000));
  private static final VaultDerivation VAULTS = new VaultDerivation(TestPolicies.FACTORY, ROUTER, TestPolicies.PRINCIPAL,
      VaultCreationCode.reference());
  private static final BigInteger EXIT_CAP = BigInteger.TEN.pow(16);
  private final TreasuryPolicy policy = new TreasuryPolicy(OUTER, TestPolicies.DEPOSIT, VAULTS, EXIT_CAP, 10,
      (pubkey, now, max) -> true, Clock.systemUTC());

  private static RawTransaction tx(String data, BigInteger gas) {
    return RawTransaction.createTransaction(286, BigInteger.ZERO, gas, ROUTER, BigInteger.ZERO, data, GWEI, GWEI);
  }

  private static RawTransaction tx(String data) {
    return tx(data, BigInteger.valueOf(500_000));
  }

  private void refused(String data, SigningJustification why, SigningErrorCode code) {
    assertThatThrownBy(() -> policy.inspect(tx(data), why))
        .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }

  @Test
  void routerCalldataMustBeTheCanonicalExecuteEncoding() {
    String good = TreasuryAbi.execute(TestPolicies.FACTORY, BigInteger.ZERO, TreasuryAbi.deployVault(random(48), TestPolicies.BENEFICIARY));
    assertThat(policy.inspect(tx(good), SigningJustification.NONE).call()).isInstanceOf(TreasuryCall.DeployVault.class);
    refused(good + "00", SigningJustification.NONE, SigningErrorCode.POLICY_NOT_EXECUTE);
    refused(good.substring(0, good.length() - 2), SigningJustification.NONE, SigningErrorCode.POLICY_NOT_EXECUTE);
    refused("0x", SigningJustification.NONE, SigningErrorCode.POLICY_NOT_EXECUTE);
    refused(TreasuryAbi.deployVault(random(48), TestPolicies.BENEFICIARY), SigningJustification.NONE, SigningErrorCode.POLICY_NOT_EXECUTE);
    // an inner call with trailing bytes is not a recognised call
    refused(TreasuryAbi.execute(TestPolicies.FACTORY, BigInteger.ZERO, TreasuryAbi.deployVault(random(48), TestPolicies.BENEFICIARY) + "00"),
        SigningJustification.NONE, SigningErrorCode.POLICY_CALL_NOT_ALLOWED);
    assertThatThrownBy(() -> policy.inspect(tx(good, BigInteger.valueOf(3_000_001)), SigningJustification.NONE))
        .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo(SigningErrorCode.POLICY_GAS_CAP));
  }

  @Test
  void argumentsAreCheckedCallByCall() {
    byte[] pubkey = random(48);
    SigningJustification why = SigningJustification.of(pubkey, TestPolicies.BENEFICIARY);
    byte[] wc = VAULTS.credentialsFor(pubkey, TestPolicies.BENEFICIARY);
    refused(TreasuryAbi.execute(TestPolicies.FACTORY, BigInteger.ZERO, TreasuryAbi.deployVault(random(47), TestPolicies.BENEFICIARY)),
        why, SigningErrorCode.POLICY_BAD_ARGUMENT);
    refused(TreasuryAbi.execute(TestPolicies.FACTORY, BigInteger.ZERO,
        TreasuryAbi.deployVault(pubkey, "0x0000000000000000000000000000000000000000")), why, SigningErrorCode.POLICY_BAD_ARGUMENT);
    refused(TreasuryAbi.execute(TestPolicies.FACTORY, BigInteger.ONE, TreasuryAbi.deployVault(pubkey, TestPolicies.BENEFICIARY)), why,
        SigningErrorCode.POLICY_INNER_VALUE);
    refused(TreasuryAbi.execute(TestPolicies.DEPOSIT, BigInteger.ZERO,
        TreasuryAbi.addAllowedDepositFor(pubkey, wc, TreasuryAbi.SEAT_DEPOSIT_GWEI, TestPolicies.BENEFICIARY)), why,
        SigningErrorCode.POLICY_BAD_ARGUMENT);
    refused(TreasuryAbi.execute(TestPolicies.DEPOSIT, BigInteger.ZERO,
        TreasuryAbi.addAllowedDepositFor(pubkey, wc, TreasuryAbi.SEAT_DEPOSIT_GWEI - 1, ROUTER)), why, SigningErrorCode.POLICY_BAD_ARGUMENT);
    refused(TreasuryAbi.execute(TestPolicies.DEPOSIT, BigInteger.ZERO,
        TreasuryAbi.addAllowedDepositFor(pubkey, VaultDerivation.credentialsOf(TestPolicies.BENEFICIARY), TreasuryAbi.SEAT_DEPOSIT_GWEI,
            ROUTER)), why, SigningErrorCode.POLICY_CREDENTIALS_NOT_OUR_VAULT);
    assertThat(policy.inspect(tx(TreasuryAbi.execute(TestPolicies.DEPOSIT, BigInteger.ZERO,
        TreasuryAbi.removeAllowedDepositFor(pubkey, wc, TreasuryAbi.SEAT_DEPOSIT_GWEI, ROUTER))), why).call())
        .isInstanceOf(TreasuryCall.RemoveIntent.class);
    byte[] signature = random(96);
    byte[] root = DepositSsz.depositDataRoot(pubkey, wc, TreasuryAbi.SEAT_DEPOSIT_GWEI, signature);
    refused(TreasuryAbi.execute(TestPolicies.DEPOSIT, TreasuryAbi.SEAT_DEPOSIT_WEI, TreasuryAbi.deposit(pubkey, wc, random(95), root)), why,
        SigningErrorCode.POLICY_BAD_ARGUMENT);
    refused(TreasuryAbi.execute(TestPolicies.DEPOSIT, TreasuryAbi.SEAT_DEPOSIT_WEI, TreasuryAbi.deposit(pubkey, wc, signature, root)),
        SigningJustification.of(random(48), TestPolicies.BENEFICIARY), SigningErrorCode.POLICY_JUSTIFICATION_MISSING);
    assertThat(policy.inspect(tx(TreasuryAbi.execute(TestPolicies.DEPOSIT, TreasuryAbi.SEAT_DEPOSIT_WEI,
        TreasuryAbi.deposit(pubkey, wc, signature, root))), why).call()).isInstanceOf(TreasuryCall.Deposit.class);
  }

  @Test
  void vaultCallsAtTheirCapsAreAllowedOnlyForOurVault() {
    byte[] pubkey = random(48);
    SigningJustification why = SigningJustification.of(pubkey, TestPolicies.BENEFICIARY);
    String vault = VAULTS.vaultFor(pubkey, TestPolicies.BENEFICIARY);
    assertThat(policy.inspect(tx(TreasuryAbi.execute(vault, EXIT_CAP, TreasuryAbi.triggerValidatorExit())), why).call())
        .isInstanceOf(TreasuryCall.TriggerExit.class);
    for (String call : new String[] {TreasuryAbi.proposeSettlement(BigInteger.TEN), TreasuryAbi.finalizeSettlement(),
        TreasuryAbi.cancelSettlement()}) {
      policy.inspect(tx(TreasuryAbi.execute(vault, BigInteger.ZERO, call)), why);
      refused(TreasuryAbi.execute(vault, BigInteger.ZERO, call), SigningJustification.NONE, SigningErrorCode.POLICY_JUSTIFICATION_MISSING);
    }
    refused(TreasuryAbi.execute(vault, BigInteger.ZERO, TreasuryAbi.deployVault(pubkey, TestPolicies.BENEFICIARY)), why,
        SigningErrorCode.POLICY_INNER_TARGET_NOT_ALLOWED);
    refused(TreasuryAbi.execute(TestPolicies.DEPOSIT, BigInteger.ZERO, TreasuryAbi.finalizeSettlement()), why,
        SigningErrorCode.POLICY_CALL_NOT_ALLOWED);
  }

  @Test
  void aRefusedDepositDoesNotTouchTheLedgerAndAFullLedgerRefuses() {
    byte[] pubkey = random(48);
    SigningJustification why = SigningJustification.of(pubkey, TestPolicies.BENEFICIARY);
    byte[] wc = VAULTS.credentialsFor(pubkey, TestPolicies.BENEFICIARY);
    byte[] signature = random(96);
    java.util.List<String> reserved = new java.util.ArrayList<>();
    TreasuryPolicy full = new TreasuryPolicy(OUTER, TestPolicies.DEPOSIT, VAULTS, EXIT_CAP, 10, (p, now, max) -> {
      reserved.add(p);
      return false;
    }, Clock.systemUTC());
    String bad = TreasuryAbi.execute(TestPolicies.DEPOSIT, TreasuryAbi.SEAT_DEPOSIT_WEI, TreasuryAbi.deposit(pubkey, wc, signature, random(32)));
    assertThatThrownBy(() -> full.check(tx(bad), why)).isInstanceOfSatisfying(SigningException.class,
        e -> assertThat(e.code()).isEqualTo(SigningErrorCode.POLICY_DEPOSIT_ROOT_MISMATCH));
    assertThat(reserved).isEmpty();
    String good = TreasuryAbi.execute(TestPolicies.DEPOSIT, TreasuryAbi.SEAT_DEPOSIT_WEI,
        TreasuryAbi.deposit(pubkey, wc, signature, DepositSsz.depositDataRoot(pubkey, wc, TreasuryAbi.SEAT_DEPOSIT_GWEI, signature)));
    assertThatThrownBy(() -> full.check(tx(good), why)).isInstanceOfSatisfying(SigningException.class,
        e -> assertThat(e.code()).isEqualTo(SigningErrorCode.POLICY_DEPOSIT_VELOCITY));
    assertThat(reserved).hasSize(1);
  }
}
