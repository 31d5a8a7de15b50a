package org.centurion.seatmanager.deposit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A BIP-39 mnemonic whose words and checksum have been checked against the English list. It holds the
 * normalized phrase as bytes so that {@link #destroy()} can wipe it; it never prints it.
 */
public final class Bip39Mnemonic implements AutoCloseable {
  private static final int[] WORD_COUNTS = {12, 15, 18, 21, 24};

  private final byte[] phrase;
  private final int wordCount;

  private Bip39Mnemonic(byte[] phrase, int wordCount) {
    this.phrase = phrase;
    this.wordCount = wordCount;
  }

  /**
   * Checks a phrase: 12 to 24 words of the list, single spaces after NFKD normalization (surrounding
   * whitespace is ignored), and the checksum.
   */
  public static Bip39Mnemonic parse(String text, Bip39WordList list) throws ManagedKeyException {
    String normalized = Normalizer.normalize(text.strip(), Normalizer.Form.NFKD);
    String[] words = normalized.split(" ", -1);
    if (Arrays.stream(WORD_COUNTS).noneMatch(n -> n == words.length)) {
      throw new ManagedKeyException(
          ManagedKeyException.Code.MNEMONIC_INVALID,
          "a mnemonic has 12, 15, 18, 21 or 24 words separated by single spaces; found " + words.length);
    }
    int totalBits = words.length * 11;
    int checksumBits = totalBits / 33;
    int entropyBits = totalBits - checksumBits;
    boolean[] bits = new boolean[totalBits];
    for (int w = 0; w < words.length; w++) {
      int index = list.indexOf(words[w]);
      if (index < 0) {
        throw new ManagedKeyException(
            ManagedKeyException.Code.MNEMONIC_INVALID, "word " + (w + 1) + " is not in the BIP-39 English list");
      }
      for (int b = 0; b < 11; b++) {
        bits[w * 11 + b] = ((index >> (10 - b)) & 1) == 1;
      }
    }
    byte[] entropy = new byte[entropyBits / 8];
    for (int i = 0; i < entropyBits; i++) {
      if (bits[i]) {
        entropy[i / 8] |= (byte) (1 << (7 - i % 8));
      }
    }
    byte[] hash = DepositSsz.sha256().digest(entropy);
    Arrays.fill(entropy, (byte) 0);
    for (int i = 0; i < checksumBits; i++) {
      boolean expected = ((hash[i / 8] >> (7 - i % 8)) & 1) == 1;
      if (bits[entropyBits + i] != expected) {
        throw new ManagedKeyException(ManagedKeyException.Code.MNEMONIC_CHECKSUM, "the mnemonic's checksum does not match");
      }
    }
    Arrays.fill(bits, false);
    return new Bip39Mnemonic(normalized.getBytes(StandardCharsets.UTF_8), words.length);
  }

  /** The mnemonic that encodes {@code entropy} (16 to 32 bytes, a multiple of 4). */
  public static Bip39Mnemonic fromEntropy(byte[] entropy, Bip39WordList list) {
    if (entropy.length < 16 || entropy.length > 32 || entropy.length % 4 != 0) {
      throw new IllegalArgumentException("BIP-39 entropy is 16, 20, 24, 28 or 32 bytes");
    }
    int entropyBits = entropy.length * 8;
    int checksumBits = entropyBits / 32;
    byte[] hash = DepositSsz.sha256().digest(entropy);
    int words = (entropyBits + checksumBits) / 11;
    StringBuilder phrase = new StringBuilder();
    for (int w = 0; w < words; w++) {
      int index = 0;
      for (int b = 0; b < 11; b++) {
        int bit = w * 11 + b;
        byte[] source = bit < entropyBits ? entropy : hash;
        int at = bit < entropyBits ? bit : bit - entropyBits;
        index = (index << 1) | ((source[at / 8] >> (7 - at % 8)) & 1);
      }
      if (w > 0) {
        phrase.append(' ');
      }
      phrase.append(list.word(index));
    }
    return new Bip39Mnemonic(phrase.toString().getBytes(StandardCharsets.UTF_8), words);
  }

  /** The 64-byte BIP-39 seed: PBKDF2-HMAC-SHA512, 2048 rounds, salt {@code "mnemonic" + passphrase}. */
  public byte[] seed(String passphrase) {
    byte[] salt = ("mnemonic" + Normalizer.normalize(passphrase, Normalizer.Form.NFKD)).getBytes(StandardCharsets.UTF_8);
    PKCS5S2ParametersGenerator pbkdf2 = new PKCS5S2ParametersGenerator(new SHA512Digest());
    pbkdf2.init(phrase, salt, 2048);
    return ((KeyParameter) pbkdf2.generateDerivedParameters(512)).getKey();
  }

  /** The seed with the empty passphrase, as the deposit CLI uses. */
  public byte[] seed() {
    return seed("");
  }

  public int wordCount() {
    return wordCount;
  }

  /** The phrase, for writing it down once; handle the result as a secret. */
  public String reveal() {
    return new String(phrase, StandardCharsets.UTF_8);
  }

  /** Constant-time comparison with another mnemonic. */
  public boolean sameAs(Bip39Mnemonic other) {
    return MessageDigest.isEqual(phrase, other.phrase);
  }

  public void destroy() {
    Arrays.fill(phrase, (byte) 0);
  }

  @Override
  public void close() {
    destroy();
  }

  @Override
  public String toString() {
    return "Bip39Mnemonic[" + wordCount + " words, redacted]";
  }
}
