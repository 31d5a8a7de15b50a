package org.centurion.seatmanager.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id, m = 19 MiB, t = 2, p = 1 (the OWASP minimum). Checking a login against an unknown
 * user hashes against a dummy hash with the same parameters, so both take the same time.
 */
public final class PasswordHasher {
  public static final int MEMORY_KIB = 19 * 1024;
  public static final int ITERATIONS = 2;
  public static final int PARALLELISM = 1;
  private static final int OUTPUT_BYTES = 32;

  private final Argon2Function argon2 =
      Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, OUTPUT_BYTES, Argon2.ID);
  private final String dummyHash;
  /** Checks against a real stored hash (not the dummy): what the lockout bounds, for tests and metrics. */
  private final java.util.concurrent.atomic.LongAdder storedHashChecks = new java.util.concurrent.atomic.LongAdder();

  public PasswordHasher() {
    this.dummyHash = hash(Tokens.random256());
  }

  public String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(argon2).getResult();
  }

  /** Checks against a stored hash, with that hash's own parameters (so old hashes keep working). */
  public boolean matches(String password, String storedHash) {
    storedHashChecks.increment();
    return check(password, storedHash);
  }

  /** Spends the same work as {@link #matches} and answers false: for unknown users. */
  public boolean matchesNothing(String password) {
    check(password, dummyHash);
    return false;
  }

  /** How many times {@link #matches} has checked a password against a stored hash. */
  public long storedHashChecks() {
    return storedHashChecks.sum();
  }

  private static boolean check(String password, String storedHash) {
    return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
  }
}
