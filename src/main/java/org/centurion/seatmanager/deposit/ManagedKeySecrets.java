package org.centurion.seatmanager.deposit;

import java.nio.file.Path;

/**
 * The foundation mnemonic and the keystore password, loaded together from their mode-600 files. Only the
 * process that generates managed keys, and only when writes are enabled, should load them; the caller
 * decides when (this class reads no configuration itself).
 */
public final class ManagedKeySecrets implements AutoCloseable {
  public static final String MNEMONIC_SETTING = "SEAT_MANAGER_MNEMONIC_FILE";
  public static final String PASSWORD_SETTING = "SEAT_MANAGER_KEYSTORE_PASSWORD_FILE";

  private final Bip39Mnemonic mnemonic;
  private final String keystorePassword;

  private ManagedKeySecrets(Bip39Mnemonic mnemonic, String keystorePassword) {
    this.mnemonic = mnemonic;
    this.keystorePassword = keystorePassword;
  }

  public static ManagedKeySecrets load(Path mnemonicFile, Path passwordFile, Bip39WordList words)
      throws ManagedKeyException {
    String password = SecretFile.read(passwordFile, PASSWORD_SETTING);
    Bip39Mnemonic mnemonic = Bip39Mnemonic.parse(SecretFile.read(mnemonicFile, MNEMONIC_SETTING), words);
    return new ManagedKeySecrets(mnemonic, password);
  }

  public Bip39Mnemonic mnemonic() {
    return mnemonic;
  }

  String keystorePassword() {
    return keystorePassword;
  }

  @Override
  public void close() {
    mnemonic.destroy();
  }

  @Override
  public String toString() {
    return "ManagedKeySecrets[redacted]";
  }
}
