package org.centurion.seatmanager.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The shipped list of common and breached passwords (ASVS 2.1.7) that every new password is checked
 * against: {@value #RESOURCE} beside this class, built by {@code scripts/build-common-passwords.sh} from
 * nbvcxz's, zxcvbn-ts's and the RockYou breach lists (origin, versions and licences in
 * {@code common-passwords.NOTICE.md} beside it).
 *
 * <p>The list is read once per process, on first use, and kept as a sorted array of 64-bit digests of
 * the normalised entries (about 1 MB for 125,000 entries, instead of some 10 MB of strings). A digest
 * collision could only refuse a password, never admit one.
 *
 * <p>Comparison is on the {@linkplain #normalise normalised} form (NFKC, no whitespace, lower case), so
 * {@code "PassWord"}, {@code " password "} or {@code "pass word"} are all {@code "password"}. Since every
 * entry is shorter than the length rule allows, a password also counts as listed when it is a listed
 * password padded with digits or symbols ({@code "Password12345678!"}) or one repeated
 * ({@code "qwertyqwertyqwerty"}): the first variants a cracker tries.
 */
public final class BreachedPasswords {
  /** The stable error code of a refused new password. */
  public static final String CODE = "PASSWORD_BREACHED";
  static final String RESOURCE = "common-passwords.txt.gz";
  /** Shorter cores are not looked up: a password that is nearly all digits and symbols is not a word. */
  private static final int MIN_CORE_LENGTH = 4;

  private final long[] digests;

  private BreachedPasswords(long[] sortedDigests) {
    this.digests = sortedDigests;
  }

  private static final class Shipped {
    static final BreachedPasswords INSTANCE = load();
  }

  /** The list shipped in the jar, read on first use. */
  public static BreachedPasswords shipped() {
    return Shipped.INSTANCE;
  }

  /** How many distinct normalised entries the list holds. */
  public int size() {
    return digests.length;
  }

  /** Whether the password, or its core or repeated unit, is a listed password. */
  public boolean contains(String password) {
    for (String candidate : candidates(normalise(password))) {
      if (Arrays.binarySearch(digests, digest(candidate)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** NFKC, every whitespace character removed, lower case: the form both the list and a password are compared in. */
  static String normalise(String s) {
    String nfkc = Normalizer.normalize(s, Normalizer.Form.NFKC);
    StringBuilder b = new StringBuilder(nfkc.length());
    nfkc.codePoints().filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp)).forEach(b::appendCodePoint);
    return b.toString().toLowerCase(Locale.ROOT);
  }

  /** The normalised password, its core without leading/trailing digits and symbols, and the same for its repeated unit. */
  static List<String> candidates(String normalised) {
    List<String> out = new ArrayList<>(4);
    addWithCore(out, normalised);
    String unit = repeatedUnit(normalised);
    if (!unit.equals(normalised)) {
      addWithCore(out, unit);
    }
    return out;
  }

  private static void addWithCore(List<String> out, String s) {
    out.add(s);
    String core = core(s);
    if (!core.equals(s) && core.length() >= MIN_CORE_LENGTH) {
      out.add(core);
    }
  }

  /** {@code s} without its leading and trailing characters that are not letters. */
  static String core(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && !Character.isLetter(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && !Character.isLetter(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  /** The shortest {@code u} such that {@code s} is {@code u} repeated twice or more, else {@code s}. */
  static String repeatedUnit(String s) {
    int n = s.length();
    for (int len = 1; len <= n / 2; len++) {
      if (n % len == 0 && s.substring(0, len).repeat(n / len).equals(s)) {
        return s.substring(0, len);
      }
    }
    return s;
  }

  private static BreachedPasswords load() {
    try (InputStream raw = BreachedPasswords.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException("the common-password list " + RESOURCE + " is missing from the build");
      }
      return fromGzip(raw);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the common-password list " + RESOURCE, e);
    }
  }

  /** A list from a gzip stream of one password per line (normalised here again, so the file's own form does not matter). */
  static BreachedPasswords fromGzip(InputStream gzip) throws IOException {
    long[] d = new long[160_000];
    int n = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(gzip), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String e = normalise(line);
        if (e.isEmpty()) {
          continue;
        }
        if (n == d.length) {
          d = Arrays.copyOf(d, d.length * 2);
        }
        d[n++] = digest(e);
      }
    }
    long[] sorted = Arrays.stream(d, 0, n).sorted().distinct().toArray();
    return new BreachedPasswords(sorted);
  }

  private static long digest(String normalised) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(h, 0, Long.BYTES).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
