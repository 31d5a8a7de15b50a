package org.centurion.seatmanager.keys;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.centurion.seatmanager.deposit.Bip39Mnemonic;
import org.centurion.seatmanager.deposit.Bip39WordList;
import org.centurion.seatmanager.deposit.Bls;
import org.centurion.seatmanager.deposit.Eip2333;
import org.centurion.seatmanager.deposit.ManagedKeyException;
import org.centurion.seatmanager.deposit.ManagedKeyGenerator;
import org.centurion.seatmanager.deposit.ManagedValidatorKey;
import org.centurion.seatmanager.deposit.SecretFile;
import org.centurion.seatmanager.deposit.ValidatorKeyPath;
import org.web3j.utils.Numeric;
import supranational.blst.SecretKey;

/**
 * What the key process does for api, and nothing more: reserve the next unused key index (answering
 * its pubkey), then issue that key once — deposit data for the named vault and an EIP-2335 keystore
 * under a fresh random password, sealed under the process's seal key. The mnemonic is read from its
 * mode-600 file for each request and wiped after; no operation returns a secret.
 */
final class ManagedKeyIssuer {
  /** Random bytes of each keystore's own password (hex-encoded: 64 characters). */
  private static final int PASSWORD_BYTES = 32;

  private final Path mnemonicFile;
  private final PasswordSeal seal;
  private final ManagedKeyGenerator generator;
  private final KeyLedger ledger;
  private final SecureRandom random;

  ManagedKeyIssuer(Path mnemonicFile, PasswordSeal seal, ManagedKeyGenerator generator, KeyLedger ledger,
      SecureRandom random) {
    this.mnemonicFile = mnemonicFile;
    this.seal = seal;
    this.generator = generator;
    this.ledger = ledger;
    this.random = random;
  }

  record Reservation(long index, String pubkey) {}

  /** A key as api receives it: public data, the keystore (encrypted) and its password sealed. */
  record Issued(long index, String path, String pubkey, String depositDataJson, String keystore, String sealedPassword) {}

  synchronized Reservation reserve() {
    long index = ledger.nextIndex();
    try (Bip39Mnemonic mnemonic = loadMnemonic()) {
      byte[] seed = mnemonic.seed();
      SecretKey sk = Eip2333.derive(seed, ValidatorKeyPath.signingKey(index));
      Arrays.fill(seed, (byte) 0);
      String pubkey;
      try {
        pubkey = Numeric.toHexString(Bls.publicKeyOf(sk));
      } finally {
        Eip2333.wipe(sk);
      }
      ledger.reserved(index, pubkey);
      return new Reservation(index, pubkey);
    }
  }

  synchronized Issued issue(long index, String vault) {
    String pubkey = ledger.reservedPubkey(index).orElseThrow(() -> new KeyProcessException(
        KeyProcessErrorCode.KEY_NOT_RESERVED, "index " + index + " was never reserved by this key process"));
    if (ledger.isIssued(index)) {
      throw new KeyProcessException(KeyProcessErrorCode.KEY_ALREADY_ISSUED,
          "the key at index " + index + " was already issued; it is never issued again");
    }
    byte[] pw = new byte[PASSWORD_BYTES];
    random.nextBytes(pw);
    String password = HexFormat.of().formatHex(pw);
    Arrays.fill(pw, (byte) 0);
    ManagedValidatorKey key;
    try (Bip39Mnemonic mnemonic = loadMnemonic()) {
      key = generator.generate(mnemonic, password, index, Numeric.hexStringToByteArray(vault));
    }
    String actual = Numeric.toHexString(key.pubkey());
    if (!actual.equals(pubkey)) {
      // the mnemonic file changed since the reservation: issuing would hand out a key nobody reserved
      throw new KeyProcessException(KeyProcessErrorCode.KEYS_UNAVAILABLE,
          "the mnemonic no longer derives the reserved pubkey of index " + index);
    }
    String sealed = seal.seal(password, pubkey, key.path());
    ledger.issued(index, pubkey, vault, key.path());
    return new Issued(index, key.path(), pubkey, "[" + key.depositData().toDepositCliJson() + "]", key.keystoreJson(),
        sealed);
  }

  private Bip39Mnemonic loadMnemonic() {
    try {
      return Bip39Mnemonic.parse(SecretFile.read(mnemonicFile, KeyProcessSettings.MNEMONIC_FILE), Bip39WordList.english());
    } catch (ManagedKeyException e) {
      throw new KeyProcessException(KeyProcessErrorCode.KEYS_UNAVAILABLE, "the mnemonic cannot be read: " + e.code());
    }
  }
}
