package org.centurion.seatmanager.devnet;

import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/**
 * The devnet's well-known accounts, derived from anvil's public dev mnemonic
 * (m/44'/60'/0'/0/i). These keys are published test keys: never use them anywhere but a local chain.
 *
 * <p>Roles: #0 deployer, deposit-contract owner and allowlist admin; #1 treasury signer (the
 * router's active signer); #2 depositor; #3 beneficiary; #4.. free for tests.
 */
public final class DevnetAccounts {
  public static final int DEPLOYER = 0;
  public static final int TREASURY_SIGNER = 1;
  public static final int DEPOSITOR = 2;
  public static final int BENEFICIARY = 3;

  private DevnetAccounts() {}

  public static Credentials account(int index) {
    if (index < 0 || index > 9) {
      throw new IllegalArgumentException("anvil funds accounts 0..9 only, asked " + index);
    }
    byte[] seed = MnemonicUtils.generateSeed(Anvil.DEV_MNEMONIC, "");
    Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(seed);
    int hardened = Bip32ECKeyPair.HARDENED_BIT;
    int[] path = {44 | hardened, 60 | hardened, hardened, 0, index};
    return Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path));
  }
}
