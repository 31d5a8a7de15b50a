package org.centurion.seatmanager.deposit;

/**
 * Strict hexadecimal for deposit fields: an optional lowercase {@code 0x}, then exactly two hex digits per
 * byte. Anything looser (spaces, signs, odd length, {@code 0X}) is rejected so that two parsers can never
 * disagree about what a file says.
 */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /** Lowercase hex without prefix. */
  public static String encode(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  public static String encodePrefixed(byte[] bytes) {
    return "0x" + encode(bytes);
  }

  /** The text without its {@code 0x} prefix, if it has one. */
  public static String stripPrefix(String text) {
    return text.startsWith("0x") ? text.substring(2) : text;
  }

  /** True when every character after an optional {@code 0x} is a hex digit and the count is even. */
  public static boolean isHex(String text) {
    String digits = stripPrefix(text);
    if (digits.length() % 2 != 0) {
      return false;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (value(digits.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Number of bytes the text encodes; only meaningful when {@link #isHex} holds. */
  public static int byteLength(String text) {
    return stripPrefix(text).length() / 2;
  }

  /**
   * Decodes hex that must encode exactly {@code expectedBytes} bytes.
   *
   * @throws IllegalArgumentException when the text is not strict hex of that length
   */
  public static byte[] decode(String text, int expectedBytes) {
    byte[] bytes = decode(text);
    if (bytes.length != expectedBytes) {
      throw new IllegalArgumentException(
          "expected " + expectedBytes + " bytes of hex, got " + bytes.length);
    }
    return bytes;
  }

  /**
   * Decodes strict hex of any even length.
   *
   * @throws IllegalArgumentException when the text is not strict hex
   */
  public static byte[] decode(String text) {
    if (!isHex(text)) {
      throw new IllegalArgumentException("not strict hex");
    }
    String digits = stripPrefix(text);
    byte[] out = new byte[digits.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((value(digits.charAt(2 * i)) << 4) | value(digits.charAt(2 * i + 1)));
    }
    return out;
  }

  private static int value(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
