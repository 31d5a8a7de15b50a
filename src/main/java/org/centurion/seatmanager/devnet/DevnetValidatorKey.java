package org.centurion.seatmanager.devnet;

import java.security.SecureRandom;
import java.util.Arrays;
import org.centurion.seatmanager.deposit.DepositSsz;
import org.centurion.seatmanager.deposit.ForkVersion;
import org.centurion.seatmanager.devnet.beacon.DepositSignatureVerifier;
import supranational.blst.P1;
import supranational.blst.P2;
import supranational.blst.SecretKey;

/**
 * A throwaway BLS validator key for devnet tests and the demo, and the deposit data it signs.
 * The secret never leaves this object and is not part of {@link #toString()}.
 */
public final class DevnetValidatorKey {
  public static final long PHASE1_AMOUNT_GWEI = 32_000_000_000L;

  private final SecretKey secret;
  private final byte[] pubkey;

  private DevnetValidatorKey(SecretKey secret) {
    this.secret = secret;
    this.pubkey = new P1(secret).compress();
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  public static DevnetValidatorKey random() {
    byte[] ikm = new byte[32];
    RANDOM.nextBytes(ikm);
    SecretKey sk = new SecretKey();
    sk.keygen(ikm);
    Arrays.fill(ikm, (byte) 0);
    return new DevnetValidatorKey(sk);
  }

  public byte[] pubkey() {
    return pubkey.clone();
  }

  /** Deposit data for these credentials, signed in the deposit domain of the given fork version. */
  public DepositData depositData(byte[] withdrawalCredentials, long amountGwei, byte[] genesisForkVersion) {
    byte[] messageRoot = DepositSsz.depositMessageRoot(pubkey, withdrawalCredentials, amountGwei);
    byte[] signingRoot = DepositSsz.signingRoot(messageRoot, DepositSsz.depositDomain(ForkVersion.of(genesisForkVersion)));
    byte[] signature = new P2().hash_to(signingRoot, DepositSignatureVerifier.DST).sign_with(secret).compress();
    return new DepositData(pubkey.clone(), withdrawalCredentials.clone(), amountGwei, signature,
        DepositSsz.depositDataRoot(pubkey, withdrawalCredentials, amountGwei, signature));
  }

  @Override
  public String toString() {
    return "DevnetValidatorKey[pubkey=0x" + org.web3j.utils.Numeric.toHexStringNoPrefix(pubkey) + "]";
  }

  /** The fields of one deposit; {@code depositDataRoot} matches the other four. */
  public record DepositData(
      byte[] pubkey, byte[] withdrawalCredentials, long amountGwei, byte[] signature, byte[] depositDataRoot) {

    /** The same deposit with a signature from another message: its root is still consistent. */
    public DepositData withForeignSignature(byte[] otherSignature) {
      return new DepositData(pubkey, withdrawalCredentials, amountGwei, otherSignature,
          DepositSsz.depositDataRoot(pubkey, withdrawalCredentials, amountGwei, otherSignature));
    }
  }
}
