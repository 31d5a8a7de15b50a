package org.centurion.seatmanager.auth;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.centurion.seatmanager.problem.Problem;
import org.jdbi.v3.core.Jdbi;

/**
 * Users and their passwords. A password set by someone else (the CLI, an ADMIN) is temporary:
 * the user must change it before doing anything else.
 */
public final class UserService {
  /** Serialises role changes so two concurrent demotions cannot both pass the last-ADMIN check. */
  private static final long USER_ADMIN_LOCK = 0x5EA7_05E5L;
  static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

  private final Jdbi jdbi;
  private final UserStore store;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final PasswordCheck passwordCheck;
  private final Duration temporaryPasswordTtl;
  private final int adminMinLength;
  public static final String TEMPORARY_PASSWORD_EXPIRED = "TEMPORARY_PASSWORD_EXPIRED";

  public UserService(Jdbi jdbi, PasswordHasher hasher, Clock clock) {
    this(jdbi, hasher, clock, PasswordCheck.Lockout.defaults());
  }

  public UserService(Jdbi jdbi, PasswordHasher hasher, Clock clock, PasswordCheck.Lockout lockout) {
    this(jdbi, hasher, clock, lockout, Duration.ofHours(24));
  }

  /** @param temporaryPasswordTtl how long a password set by someone else may be used (then: ADMIN reset) */
  public UserService(Jdbi jdbi, PasswordHasher hasher, Clock clock, PasswordCheck.Lockout lockout,
      Duration temporaryPasswordTtl) {
    this(jdbi, hasher, clock, lockout, temporaryPasswordTtl, PasswordPolicy.MIN_LENGTH);
  }

  /** @param adminMinLength the least length of an ADMIN's password (20 in production) */
  public UserService(Jdbi jdbi, PasswordHasher hasher, Clock clock, PasswordCheck.Lockout lockout,
      Duration temporaryPasswordTtl, int adminMinLength) {
    this.adminMinLength = Math.max(adminMinLength, PasswordPolicy.MIN_LENGTH);
    this.temporaryPasswordTtl = temporaryPasswordTtl;
    this.jdbi = jdbi;
    this.store = new UserStore(jdbi);
    this.hasher = hasher;
    this.clock = clock;
    this.passwordCheck = new PasswordCheck(store, hasher, clock, lockout);
  }

  /** A created user and, when the password was generated, that temporary password (shown once). */
  public record Created(User user, Optional<String> generatedPassword) {
    @Override
    public String toString() {
      return "Created[" + user + ", password redacted]";
    }
  }

  /** Creates a user whose password is temporary; generates one when {@code password} is empty. */
  public Created create(String username, Role role, Optional<String> password) {
    requireUsername(username);
    String pw = password.orElseGet(() -> generatePassword(username));
    requirePolicy(username, role, pw);
    Instant now = clock.instant();
    Optional<User> u = store.insert(username, role, hasher.hash(pw), now, now.plus(temporaryPasswordTtl));
    if (u.isEmpty()) {
      throw Problem.conflict(ErrorCodes.USERNAME_TAKEN, "a user with this username already exists");
    }
    return new Created(u.get(), password.isPresent() ? Optional.empty() : Optional.of(pw));
  }

  public List<User> list() {
    return store.all();
  }

  public Optional<User> find(long id) {
    return store.byId(id).map(StoredUser::user);
  }

  public Optional<User> findByUsername(String username) {
    return store.byUsername(username).map(StoredUser::user);
  }

  public User require(long id) {
    return find(id).orElseThrow(() -> Problem.notFound("no such user"));
  }

  /**
   * Changes role and/or disabled state. Disabling, or any change of role (up or down), ends the
   * user's sessions so the change takes effect now, not at the next login.
   */
  public User update(long id, Optional<Role> role, Optional<Boolean> disabled) {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      h.execute("SELECT pg_advisory_xact_lock(?)", USER_ADMIN_LOCK);
      User u = UserStore.byId(h, id).map(StoredUser::user).orElseThrow(() -> Problem.notFound("no such user"));
      Role newRole = role.orElse(u.role());
      boolean newDisabled = disabled.orElse(u.disabled());
      UserStore.setRoleAndDisabled(h, id, newRole, newDisabled, now);
      long admins = h.createQuery("SELECT count(*) FROM users WHERE role = 'ADMIN' AND NOT disabled")
          .mapTo(Long.class).one();
      if (admins == 0) {
        // Rolls the transaction back: nobody would be left to administer the system.
        throw Problem.conflict(ErrorCodes.LAST_ADMIN, "this change would leave no enabled ADMIN");
      }
      // any role change ends the sessions: a demotion must bite now, and a promotion must not hand
      // new powers to sessions (and step-ups) that were established under the old role
      if (newDisabled || newRole != u.role()) {
        SessionService.revokeAllBut(h, id, null, now);
      }
      return UserStore.byId(h, id).orElseThrow().user();
    });
  }

  /**
   * The user changes their own password, proving the current one. Other sessions of the user
   * are revoked; {@code keepSessionId} (the caller's) stays, so the new password can be tried
   * in a fresh login before the old session is closed.
   */
  public void changeOwnPassword(long userId, String currentPassword, String newPassword, long keepSessionId) {
    StoredUser u = store.byId(userId).orElseThrow(() -> Problem.notFound("no such user"));
    // counted like a login: a stolen session must not become an unthrottled password oracle
    if (!passwordCheck.check(u, currentPassword).matched()) {
      throw Problem.forbidden(ErrorCodes.CURRENT_PASSWORD_WRONG, "the current password is wrong");
    }
    passwordCheck.succeeded(userId);
    refuseExpiredTemporary(u);
    requirePolicy(u.user().username(), u.user().role(), newPassword);
    if (hasher.matches(newPassword, u.passwordHash())) {
      throw Problem.badRequest(ErrorCodes.PASSWORD_POLICY, "the new password must differ from the current one");
    }
    String hash = hasher.hash(newPassword);
    Instant now = clock.instant();
    jdbi.useTransaction(h -> {
      UserStore.setPassword(h, userId, hash, null, now);
      SessionService.revokeAllBut(h, userId, keepSessionId, now);
    });
  }

  /**
   * Someone else (an ADMIN, the CLI) sets the password: it is temporary, and every session of
   * that user ends. Generates one when {@code password} is empty and returns it.
   */
  public Optional<String> resetPassword(long userId, Optional<String> password) {
    StoredUser u = store.byId(userId).orElseThrow(() -> Problem.notFound("no such user"));
    String pw = password.orElseGet(() -> generatePassword(u.user().username()));
    requirePolicy(u.user().username(), u.user().role(), pw);
    if (hasher.matches(pw, u.passwordHash())) {
      throw Problem.badRequest(ErrorCodes.PASSWORD_POLICY, "the new password must differ from the current one");
    }
    String hash = hasher.hash(pw);
    Instant now = clock.instant();
    jdbi.useTransaction(h -> {
      UserStore.setPassword(h, userId, hash, now.plus(temporaryPasswordTtl), now);
      SessionService.revokeAllBut(h, userId, null, now);
    });
    return password.isPresent() ? Optional.empty() : Optional.of(pw);
  }

  /** @throws Problem 403 {@value #TEMPORARY_PASSWORD_EXPIRED} for a temporary password past its time */
  void refuseExpiredTemporary(StoredUser u) {
    if (u.temporaryPasswordExpired(clock.instant())) {
      throw Problem.forbidden(TEMPORARY_PASSWORD_EXPIRED, "this temporary password expired after "
          + temporaryPasswordTtl.toHours() + " h: ask an ADMIN to set a new one");
    }
  }

  static void requireUsername(String username) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw Problem.badRequest(ErrorCodes.INVALID_USERNAME,
          "a username is 2-64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }

  private void requirePolicy(String username, Role role, String password) {
    if (password == null) {
      throw Problem.badRequest(ErrorCodes.PASSWORD_POLICY, "a password is required");
    }
    int min = role == Role.ADMIN ? adminMinLength : PasswordPolicy.MIN_LENGTH;
    PasswordPolicy.problem(username, password, min).ifPresent(p -> {
      throw Problem.badRequest(ErrorCodes.PASSWORD_POLICY, p);
    });
  }

  private static String generatePassword(String username) {
    String pw;
    do {
      pw = Tokens.random256();
    } while (PasswordPolicy.problem(username, pw).isPresent());
    return pw;
  }

  // package-private seams for the login and step-up services, which need the credentials
  Optional<StoredUser> stored(String username) {
    return store.byUsername(username);
  }

  Optional<StoredUser> stored(long id) {
    return store.byId(id);
  }

  UserStore store() {
    return store;
  }

  Jdbi jdbi() {
    return jdbi;
  }

  PasswordCheck passwordCheck() {
    return passwordCheck;
  }
}
