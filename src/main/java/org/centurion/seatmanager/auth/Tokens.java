package org.centurion.seatmanager.auth;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Bearer credentials: 256 random bits, base64url, behind a short prefix that says what kind of
 * credential it is (so a leaked one is recognisable by secret scanners, and the guard need not
 * guess).
 */
public final class Tokens {
  public static final String SESSION_PREFIX = "sms_";
  public static final String STAKER_KEY_PREFIX = "smk_";
  /** An operator API key (issue 16): bound to one seat, with scopes. */
  public static final String OPERATOR_KEY_PREFIX = "smo_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  public static String newSessionToken() {
    return SESSION_PREFIX + random256();
  }

  public static String newStakerKey() {
    return STAKER_KEY_PREFIX + random256();
  }

  public static String newOperatorKey() {
    return OPERATOR_KEY_PREFIX + random256();
  }

  static String random256() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
