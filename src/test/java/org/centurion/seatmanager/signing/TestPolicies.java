package org.centurion.seatmanager.signing;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.centurion.seatmanager.abi.TreasuryAbi;
import org.centurion.seatmanager.abi.VaultCreationCode;
import org.centurion.seatmanager.abi.VaultDerivation;

/**
 * Real treasury policies for signer tests that exercise the transport (sockets, MACs, replay):
 * fixed, never-deployed factory and deposit addresses, the bundled vault code, a ledger file in
 * the test's directory, and a call the policy allows (a vault deployment, value 0).
 */
public final class TestPolicies {
  public static final String FACTORY = "0x00000000000000000000000000000000000fac70";
  public static final String DEPOSIT = "0x000000000000000000000000000000000000de90";
  public static final String PRINCIPAL = "0x0000000000000000000000000000000000005afe";
  public static final String BENEFICIARY = "0x000000000000000000000000000000000000beef";

  private TestPolicies() {}

  /** {@code dir} is only a hint for where the caller keeps its files; the policy's own go to a fresh directory. */
  public static TreasuryPolicy policy(SignerPolicy outer, Path dir) {
    return new TreasuryPolicy(outer, DEPOSIT, new VaultDerivation(FACTORY, outer.router(), PRINCIPAL, VaultCreationCode.reference()),
        BigInteger.TEN.pow(16), 10, new FileDepositLedger(stateDir().resolve("deposit-ledger")), Clock.systemUTC());
  }

  public static SignerDecisionLog log(Path dir) {
    return new SignerDecisionLog(stateDir().resolve("decisions.jsonl"), Clock.systemUTC());
  }

  private static Path stateDir() {
    // deleteOnExit cannot remove a directory that still holds the decision log
    return org.centurion.seatmanager.testing.TestDirectories.create("signer-state");
  }

  /** Router calldata the policy allows: {@code execute(FACTORY, 0, deployVault(random pubkey, BENEFICIARY))}. */
  public static String allowedCall() {
    byte[] pubkey = new byte[48];
    ThreadLocalRandom.current().nextBytes(pubkey);
    return TreasuryAbi.execute(FACTORY, BigInteger.ZERO, TreasuryAbi.deployVault(pubkey, BENEFICIARY));
  }
}
