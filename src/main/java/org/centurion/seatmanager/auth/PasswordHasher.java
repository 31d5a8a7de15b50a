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

  public PasswordHasher() {
    this.dummyHash = hash(Tokens.random256());
  }

  public String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(argon2).getResult();
  }

  /** Checks against a stored hash, with that hash's own parameters (so old hashes keep working). */
  public boolean matches(String password, String storedHash) {
    return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
  }

  /** Spends the same work as {@link #matches} and answers false: for unknown users. */
  public boolean matchesNothing(String password) {
    matches(password, dummyHash);
    return false;
  }
}
