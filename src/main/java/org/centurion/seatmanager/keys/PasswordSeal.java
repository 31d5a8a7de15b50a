package org.centurion.seatmanager.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals each managed keystore's own password at rest: AES-256-GCM under the key process's seal key
 * ({@code SEAT_MANAGER_KEYS_SEAL_KEY_FILE}, which neither api nor watch can read), with the keystore's
 * pubkey and path as associated data, so a sealed password copied onto another seat's row does not
 * open there. Format: {@code v1:} + base64(iv ‖ ciphertext ‖ tag).
 */
public final class PasswordSeal {
  static final String PREFIX = "v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private final SecretKeySpec key;
  private final SecureRandom random;

  private PasswordSeal(byte[] key, SecureRandom random) {
    this.key = new SecretKeySpec(key, "AES");
    this.random = random;
  }

  /** @param hex 64 hex digits (AES-256), e.g. from {@code openssl rand -hex 32} */
  public static PasswordSeal fromHex(String hex, SecureRandom random) {
    String clean = hex.strip();
    if (!clean.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("the seal key must be 64 hex digits (256 bits)");
    }
    byte[] bytes = HexFormat.of().parseHex(clean);
    try {
      return new PasswordSeal(bytes, random);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  public String seal(String password, String pubkeyHex, String path) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(aad(pubkeyHex, path));
      byte[] ct = c.doFinal(password.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[IV_BYTES + ct.length];
      System.arraycopy(iv, 0, out, 0, IV_BYTES);
      System.arraycopy(ct, 0, out, IV_BYTES, ct.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /**
   * @throws SealException ({@link SealException#CODE}) when the sealed value is malformed, was sealed
   *     for another keystore, or under another seal key
   */
  public String unseal(String sealed, String pubkeyHex, String path) {
    if (sealed == null || !sealed.startsWith(PREFIX)) {
      throw new SealException("the sealed password is not a v1 seal");
    }
    byte[] in;
    try {
      in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new SealException("the sealed password is not base64");
    }
    if (in.length <= IV_BYTES + TAG_BITS / 8) {
      throw new SealException("the sealed password is too short");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      c.updateAAD(aad(pubkeyHex, path));
      return new String(c.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new SealException("the sealed password does not open for this keystore (another seat's, or another seal key)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  private static byte[] aad(String pubkeyHex, String path) {
    return ("seat-manager keystore password v1\n" + pubkeyHex + "\n" + path).getBytes(StandardCharsets.UTF_8);
  }

  /** A sealed password that does not open: tampered, swapped between seats, or under another key. */
  public static final class SealException extends RuntimeException {
    public static final String CODE = "SEAL_MISMATCH";

    SealException(String message) {
      super(CODE + ": " + message);
    }
  }

  @Override
  public String toString() {
    return "PasswordSeal[<redacted>]";
  }
}
