package org.centurion.seatmanager.deposit;

import java.util.Arrays;

/** A 4-byte consensus fork version, e.g. the chain's {@code GENESIS_FORK_VERSION}. */
public final class ForkVersion {
  public static final int LENGTH = 4;
  private final byte[] bytes;

  private ForkVersion(byte[] bytes) {
    this.bytes = bytes;
  }

  public static ForkVersion of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a fork version is 4 bytes, got " + bytes.length);
    }
    return new ForkVersion(bytes.clone());
  }

  /**
   * Parses {@code 0x01017000} or {@code 01017000}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static ForkVersion parse(String text) {
    if (text == null || !Hex.isHex(text) || Hex.byteLength(text) != LENGTH) {
      throw new IllegalArgumentException("a fork version is 4 bytes of hex such as 0x01017000");
    }
    return new ForkVersion(Hex.decode(text, LENGTH));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  boolean matches(byte[] other) {
    return Arrays.equals(bytes, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ForkVersion other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return Hex.encodePrefixed(bytes);
  }
}
