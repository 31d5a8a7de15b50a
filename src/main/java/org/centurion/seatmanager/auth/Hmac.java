package org.centurion.seatmanager.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.centurion.seatmanager.config.Secret;

/** HMAC-SHA256 under one secret, with a domain label so one secret never signs two kinds of thing alike. */
public final class Hmac {
  private final SecretKeySpec key;

  public Hmac(Secret secret) {
    byte[] k = secret.bytes();
    this.key = new SecretKeySpec(k, "HmacSHA256");
    Arrays.fill(k, (byte) 0);
  }

  public byte[] sign(String domain, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(domain.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /**
   * A public name for this key (16 hex digits of a MAC under it): stored beside what the key hashed, so a
   * lookup knows which key made a row without trying them all. Reveals nothing about the key.
   */
  public String keyId() {
    return java.util.HexFormat.of().formatHex(sign("hmac-key-id", "v1"), 0, 8);
  }

  /** Constant-time: the time taken does not depend on where the values first differ. */
  public static boolean equal(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  @Override
  public String toString() {
    return "Hmac[redacted]";
  }
}
