package org.centurion.seatmanager.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** The password rules. A violation is reported by code and reason, never by echoing the password. */
public final class PasswordPolicy {
  /** The code of a password that breaks a length, username or published-password rule. */
  public static final String CODE = "PASSWORD_POLICY";
  public static final int MIN_LENGTH = 16;
  public static final int MAX_LENGTH = 256;
  /** The runbook (§3) asks 20+ characters for the admin: the production minimum for ADMIN users. */
  public static final int ADMIN_PRODUCTION_MIN_LENGTH = 20;
  /**
   * SHA-256 of the temporary admin password published in the runbook (§3). Recognised by digest so
   * the compromised value itself never appears in this repository.
   */
  private static final byte[] PUBLISHED_TEMPORARY_PASSWORD =
      HexFormat.of().parseHex("530aefa852ba9400e151749450b3862f5dc30b5944aeba468ceeab1dff000cc6");

  private PasswordPolicy() {}

  /** The first rule the password breaks, or empty when it is acceptable. */
  public static Optional<String> problem(String username, String password) {
    return problem(username, password, MIN_LENGTH);
  }

  /** @param minLength {@link #MIN_LENGTH}, or more for some roles ({@link #ADMIN_PRODUCTION_MIN_LENGTH}) */
  public static Optional<String> problem(String username, String password, int minLength) {
    return violation(username, password, minLength).map(Violation::reason);
  }

  /** A broken rule: {@link #CODE} or {@link BreachedPasswords#CODE}, and why (never the password). */
  public record Violation(String code, String reason) {}

  /** The first rule the password breaks, with its stable code, or empty when it is acceptable. */
  public static Optional<Violation> violation(String username, String password, int minLength) {
    int length = password.codePointCount(0, password.length());
    if (length < minLength || length > MAX_LENGTH) {
      return policy("a password must be " + minLength + " to " + MAX_LENGTH + " characters long");
    }
    if (password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
      return policy("a password must not contain the username");
    }
    if (isPublishedTemporaryPassword(password)) {
      return policy("this password was published and is compromised");
    }
    if (BreachedPasswords.shipped().contains(password)) {
      return Optional.of(new Violation(BreachedPasswords.CODE, "this password is in a list of common and breached "
          + "passwords (case, spaces, digits or symbols around it and repetition do not change that): choose another"));
    }
    return Optional.empty();
  }

  private static Optional<Violation> policy(String reason) {
    return Optional.of(new Violation(CODE, reason));
  }

  static boolean isPublishedTemporaryPassword(String password) {
    return hasDigest(password, PUBLISHED_TEMPORARY_PASSWORD);
  }

  /** Whether the password's UTF-8 SHA-256 is {@code sha256} (constant time). */
  static boolean hasDigest(String password, byte[] sha256) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
      return MessageDigest.isEqual(digest, sha256);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
