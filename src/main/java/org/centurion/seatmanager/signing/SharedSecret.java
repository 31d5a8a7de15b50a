package org.centurion.seatmanager.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC key shared by the isolated signer and its clients. Never printed; MACs are compared in
 * constant time.
 */
public final class SharedSecret {
  private static final int MIN_BYTES = 32;
  private final SecretKeySpec key;

  private SharedSecret(byte[] bytes) {
    this.key = new SecretKeySpec(bytes, "HmacSHA256");
  }

  /** At least 64 hex digits (256 bits), e.g. from {@code openssl rand -hex 32}. */
  public static SharedSecret fromHex(String hex) {
    if (hex == null) {
      throw new IllegalArgumentException("signer secret is missing");
    }
    String clean = hex.strip();
    if (clean.length() < 2 * MIN_BYTES || clean.length() % 2 != 0 || !clean.matches("[0-9a-fA-F]+")) {
      throw new IllegalArgumentException("signer secret must be at least 64 hex digits (256 bits)");
    }
    byte[] bytes = new byte[clean.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(clean, 2 * i, 2 * i + 2, 16);
    }
    return new SharedSecret(bytes);
  }

  public byte[] mac(String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Constant-time check of {@code candidate} against the MAC of {@code message}. */
  public boolean verify(String message, byte[] candidate) {
    return candidate != null && MessageDigest.isEqual(mac(message), candidate);
  }

  @Override
  public String toString() {
    return "SharedSecret[<redacted>]";
  }
}
