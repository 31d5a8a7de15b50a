package org.centurion.seatmanager.config;

import java.util.Arrays;
import java.util.HexFormat;

/** Key material that must never be printed: {@link #toString()} is redacted. */
public final class Secret {
  private final byte[] bytes;

  private Secret(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  public static Secret ofBytes(byte[] bytes) {
    return new Secret(bytes);
  }

  public static Secret ofHex(String hex) {
    return new Secret(HexFormat.of().parseHex(hex));
  }

  /** A copy of the key bytes: callers own it and should clear it when done. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && java.security.MessageDigest.isEqual(bytes, s.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new byte[] {(byte) bytes.length});
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
