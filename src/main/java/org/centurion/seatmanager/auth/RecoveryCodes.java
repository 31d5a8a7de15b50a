package org.centurion.seatmanager.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One-time recovery codes (ASVS V2.6): {@value #COUNT} per user, shown once when the first second factor
 * is enrolled, each usable once in place of the second factor. A code is 24 characters of a 31-letter
 * alphabet (118 random bits), so a SHA-256 digest (bound to the user id) is all that is stored: no
 * guessing can invert it, and a stolen table cannot be replayed (V2.6.2).
 */
public final class RecoveryCodes {
  public static final int COUNT = 10;
  private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i: read aloud safely
  private static final int GROUPS = 6;
  private static final int GROUP = 4;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Jdbi jdbi;
  private final Clock clock;

  RecoveryCodes(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Replaces every code of the user by {@value #COUNT} new ones, returned once and never stored in clear. */
  List<String> regenerate(long userId) {
    return jdbi.inTransaction(h -> replace(h, userId));
  }

  private List<String> replace(Handle h, long userId) {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      codes.add(newCode());
    }
    Instant now = clock.instant();
    deleteAll(h, userId);
    for (String c : codes) {
      h.createUpdate("INSERT INTO recovery_codes (user_id, code_digest, created_at) VALUES (:u, :d, :now)")
          .bind("u", userId).bind("d", digest(userId, c)).bind("now", UserStore.ts(now)).execute();
    }
    return List.copyOf(codes);
  }

  /** Spends one unused code of the user, atomically: true only for the first request that presents it. */
  boolean consume(long userId, String code) {
    String normal = normalise(code);
    if (normal == null) {
      return false;
    }
    return jdbi.withHandle(h -> h.createUpdate("UPDATE recovery_codes SET used_at = :now"
            + " WHERE user_id = :u AND code_digest = :d AND used_at IS NULL")
        .bind("now", UserStore.ts(clock.instant())).bind("u", userId).bind("d", digest(userId, normal)).execute()) == 1;
  }

  int remaining(long userId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM recovery_codes WHERE user_id = :u AND used_at IS NULL")
        .bind("u", userId).mapTo(Integer.class).one());
  }

  /**
   * The first set of codes, when the user has none yet (their first second factor was just enrolled);
   * empty when codes were issued before. The user row is locked so two enrolments cannot both issue.
   */
  List<String> issueIfNone(long userId) {
    return jdbi.inTransaction(h -> {
      h.createQuery("SELECT id FROM users WHERE id = :u FOR UPDATE").bind("u", userId).mapTo(Long.class).one();
      boolean none = h.createQuery("SELECT count(*) FROM recovery_codes WHERE user_id = :u").bind("u", userId)
          .mapTo(Integer.class).one() == 0;
      return none ? replace(h, userId) : List.<String>of();
    });
  }

  static void deleteAll(Handle h, long userId) {
    h.createUpdate("DELETE FROM recovery_codes WHERE user_id = :u").bind("u", userId).execute();
  }

  private static String newCode() {
    StringBuilder sb = new StringBuilder();
    for (int g = 0; g < GROUPS; g++) {
      if (g > 0) {
        sb.append('-');
      }
      for (int i = 0; i < GROUP; i++) {
        sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
      }
    }
    return sb.toString();
  }

  /** Lower case without separators or spaces; null for anything that cannot be a code. */
  static String normalise(String code) {
    if (code == null || code.length() > 64) {
      return null;
    }
    String s = code.strip().toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
    if (s.length() != GROUPS * GROUP) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (ALPHABET.indexOf(s.charAt(i)) < 0) {
        return null;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int g = 0; g < GROUPS; g++) {
      if (g > 0) {
        sb.append('-');
      }
      sb.append(s, g * GROUP, (g + 1) * GROUP);
    }
    return sb.toString();
  }

  private static byte[] digest(long userId, String normalised) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update("seat-manager recovery code v1".getBytes(StandardCharsets.UTF_8));
      md.update(ByteBuffer.allocate(8).putLong(userId).array());
      return md.digest(normalised.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
