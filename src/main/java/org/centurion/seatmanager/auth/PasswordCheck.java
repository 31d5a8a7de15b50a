package org.centurion.seatmanager.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * Every check of a user's password (login, own password change in the API and the console, step-up,
 * the console's re-authentication) goes through here: one failure counter in the {@code users} table
 * and one lockout, shared by every instance.
 *
 * <p>The attempt is reserved in SQL before Argon2 runs: one {@code UPDATE … WHERE not locked}
 * increments the counter and, at the threshold, sets the lock in the same statement. Concurrent
 * guesses therefore cannot all read "not locked" and all reach the hash: at most {@code threshold}
 * of them are checked (reading {@code locked_until} first and counting afterwards let 6–7 of 10
 * through). A reservation is a failure until the caller reports success, so a process killed
 * mid-check still counts the guess.
 */
public final class PasswordCheck {
  /** Lockout settings: {@code threshold} consecutive failures lock the account for {@code duration}. */
  public record Lockout(int threshold, Duration duration) {
    public static Lockout defaults() {
      return new Lockout(5, Duration.ofMinutes(15));
    }
  }

  /** What a check found; only the audit log may tell the caller's kinds of failure apart. */
  public enum Result {
    MATCH, WRONG, WRONG_NOW_LOCKED, LOCKED;

    public boolean matched() {
      return this == MATCH;
    }
  }

  private final UserStore store;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final Lockout lockout;

  PasswordCheck(UserStore store, PasswordHasher hasher, Clock clock, Lockout lockout) {
    this.store = store;
    this.hasher = hasher;
    this.clock = clock;
    this.lockout = lockout;
  }

  /**
   * Checks {@code password} against the user's hash unless the account is locked (then the same
   * Argon2 work is spent on a dummy hash). A match is not yet a success: the caller reports it with
   * {@link #succeeded} once every factor passed, which clears the counter.
   */
  Result check(StoredUser u, String password) {
    String pw = password == null ? "" : password;
    Instant now = clock.instant();
    OptionalInt reserved = store.reserveAttempt(u.user().id(), lockout.threshold(), now.plus(lockout.duration()), now);
    if (reserved.isEmpty()) {
      hasher.matchesNothing(pw);
      return Result.LOCKED;
    }
    if (hasher.matches(pw, u.passwordHash())) {
      return Result.MATCH;
    }
    return reserved.getAsInt() >= lockout.threshold() ? Result.WRONG_NOW_LOCKED : Result.WRONG;
  }

  void succeeded(long userId) {
    store.recordSuccess(userId, clock.instant());
  }
}
