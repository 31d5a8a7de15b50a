package org.centurion.seatmanager.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What makes an HMAC secret acceptable: 256 bits as 64 hex characters, not guessable, and never
 * one of the values published (and so compromised) in the operations runbook. Those are recognised
 * by SHA-256 digest only, so the values themselves never enter this repository.
 */
public final class SecretRules {
  /** SHA-256 of the two HMAC secrets printed in the runbook of 2026-04-01. */
  static final Set<String> PUBLISHED_SECRET_DIGESTS = Set.of(
      "786dbebcb22ce72ea1feb8832d4edabc40246270ca44e11830a023d453e27058",
      "46ea722ce028b22fa179320177ceb50101a8ee481154bf291628aaf405abfa3d");

  private static final String HEX = "0123456789abcdef";

  private SecretRules() {}

  /** Why {@code value} is not an acceptable 256-bit hex secret, or empty when it is. */
  public static Optional<String> problemWithHexSecret(String value) {
    if (isPublished(value)) {
      return Optional.of("is a value published in the runbook and therefore compromised");
    }
    if (!value.matches("[0-9a-fA-F]{64}")) {
      return Optional.of("must be 64 hexadecimal characters (256 bits)");
    }
    String v = value.toLowerCase(Locale.ROOT);
    if (v.chars().distinct().count() < 8) {
      return Optional.of("has too little entropy (too few distinct digits)");
    }
    if (hasShortPeriod(v)) {
      return Optional.of("has too little entropy (a short repeating pattern)");
    }
    if (isRunOfSequence(v)) {
      return Optional.of("has too little entropy (a counting sequence)");
    }
    return Optional.empty();
  }

  /** True when {@code value} (as given, or lower-cased) is one of the runbook's published secrets. */
  public static boolean isPublished(String value) {
    return PUBLISHED_SECRET_DIGESTS.contains(sha256Hex(value))
        || PUBLISHED_SECRET_DIGESTS.contains(sha256Hex(value.toLowerCase(Locale.ROOT)));
  }

  /**
   * Development's staker-key hash key when {@code SEAT_MANAGER_STAKER_KEY_HMAC_SECRET} is unset: derived
   * from the session secret (so it rotates with it; production requires a key of its own).
   */
  public static Secret derivedStakerKeySecret(Secret sessionHmac) {
    byte[] k = sessionHmac.bytes();
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(k, "HmacSHA256"));
      return Secret.ofBytes(mac.doFinal("development staker-key hash key v1".getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    } finally {
      java.util.Arrays.fill(k, (byte) 0);
    }
  }

  public static String sha256Hex(String value) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean hasShortPeriod(String v) {
    for (int period = 1; period <= 16; period++) {
      boolean repeats = true;
      for (int i = period; i < v.length() && repeats; i++) {
        repeats = v.charAt(i) == v.charAt(i - period);
      }
      if (repeats) {
        return true;
      }
    }
    return false;
  }

  /** Ascending or descending hex counting, wrapping around (0123…ef01…, fedc…). */
  private static boolean isRunOfSequence(String v) {
    int up = 0;
    int down = 0;
    for (int i = 1; i < v.length(); i++) {
      int d = (HEX.indexOf(v.charAt(i)) - HEX.indexOf(v.charAt(i - 1)) + 16) % 16;
      if (d == 1) {
        up++;
      } else if (d == 15) {
        down++;
      }
    }
    int steps = v.length() - 1;
    return up > steps * 3 / 4 || down > steps * 3 / 4;
  }
}
