package org.centurion.seatmanager.deposit;

import java.security.SecureRandom;
import java.util.Arrays;
import supranational.blst.SecretKey;

/**
 * Makes managed validator keys: mnemonic and index to an EIP-2333 key at the EIP-2334 path
 * {@code m/12381/3600/i/0/0}, deposit data signed for the seat's vault, and an EIP-2335 keystore. The
 * result is the same as the standard deposit CLI's for the same mnemonic, index, credentials and fork.
 */
public final class ManagedKeyGenerator {
  private final ForkVersion genesisForkVersion;
  private final KeystoreKdf kdf;
  private final SecureRandom random;
  private final String networkName;
  private final String generatorVersion;

  /**
   * @param networkName written to {@code network_name} of the deposit data
   * @param generatorVersion written to {@code deposit_cli_version}, so a file says who made it
   */
  public ManagedKeyGenerator(
      ForkVersion genesisForkVersion, KeystoreKdf kdf, SecureRandom random, String networkName, String generatorVersion) {
    this.genesisForkVersion = genesisForkVersion;
    this.kdf = kdf;
    this.random = random;
    this.networkName = networkName;
    this.generatorVersion = generatorVersion;
  }

  /**
   * The key at {@code keyIndex}, its deposit data for {@code vaultAddress}, and its keystore under
   * {@code keystorePassword} (the key process makes a random one for each keystore).
   */
  public ManagedValidatorKey generate(Bip39Mnemonic mnemonic, String keystorePassword, long keyIndex, byte[] vaultAddress) {
    ValidatorKeyPath path = ValidatorKeyPath.signingKey(keyIndex);
    byte[] seed = mnemonic.seed();
    SecretKey key = Eip2333.derive(seed, path);
    Arrays.fill(seed, (byte) 0);
    byte[] secret = key.to_bendian();
    try {
      DepositDataEntry deposit = signDeposit(key, SeatExpectation.withdrawalCredentialsFor(vaultAddress));
      String keystore =
          Eip2335Keystore.encrypt(
              secret, keystorePassword, deposit.pubkey(), path.toString(), kdf,
              Eip2335Keystore.Randomness.random(random), "seat-manager managed validator key");
      return new ManagedValidatorKey(keyIndex, path.toString(), deposit, keystore);
    } finally {
      Arrays.fill(secret, (byte) 0);
      Eip2333.wipe(key);
    }
  }

  /** Deposit data for 32 CTN to {@code withdrawalCredentials}, signed with {@code key}. */
  public DepositDataEntry signDeposit(SecretKey key, byte[] withdrawalCredentials) {
    byte[] pubkey = Bls.publicKeyOf(key);
    long amount = DepositDataVerifier.SEAT_AMOUNT_GWEI;
    byte[] messageRoot = DepositSsz.depositMessageRoot(pubkey, withdrawalCredentials, amount);
    byte[] signature =
        Bls.sign(key, DepositSsz.signingRoot(messageRoot, DepositSsz.depositDomain(genesisForkVersion)));
    return new DepositDataEntry(
        pubkey, withdrawalCredentials, amount, signature, messageRoot,
        DepositSsz.depositDataRoot(pubkey, withdrawalCredentials, amount, signature),
        genesisForkVersion.bytes(), networkName, generatorVersion);
  }
}
