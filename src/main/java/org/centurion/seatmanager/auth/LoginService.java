package org.centurion.seatmanager.auth;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.problem.ProblemKind;

/**
 * Password login: throttled per username and per client IP, locked in the database after
 * consecutive failures. Unknown users, disabled users, locked accounts and wrong passwords all
 * get the same answer after the same Argon2id work; only the audit log tells them apart.
 */
public final class LoginService {
  public static final String INVALID_CREDENTIALS = ErrorCodes.INVALID_CREDENTIALS;

  private final UserService users;
  private final SessionService sessions;
  private final PasswordHasher hasher;
  private final RateLimiter perUsername;
  private final RateLimiter perIp;

  /** The lockout itself is the users' {@link PasswordCheck}, shared with step-up and password changes. */
  public LoginService(UserService users, SessionService sessions, PasswordHasher hasher, Clock clock,
      LoginLimits limits) {
    this.users = users;
    this.sessions = sessions;
    this.hasher = hasher;
    this.perUsername = new RateLimiter(limits.loginsPerUsernamePerMinute(), Duration.ofMinutes(1), clock);
    this.perIp = new RateLimiter(limits.loginsPerIpPerMinute(), Duration.ofMinutes(1), clock);
  }

  /** Why a login was refused, for the audit log only (the client sees INVALID_CREDENTIALS). */
  public static final class Refused extends RuntimeException {
    private final String auditReason;
    private final Problem error;

    Refused(String auditReason, Problem error) {
      super(auditReason, null, false, false);
      this.auditReason = auditReason;
      this.error = error;
    }

    public String auditReason() {
      return auditReason;
    }

    public Problem error() {
      return error;
    }
  }

  public NewSession login(String username, String password, String clientIp) {
    String key = username == null ? "" : username.toLowerCase(java.util.Locale.ROOT);
    // a username no account can have is "unknown"; bounding it keeps the throttle's keys small
    boolean plausible = UserService.USERNAME.matcher(key).matches();
    if (!plausible) {
      key = key.length() > 64 ? key.substring(0, 64) : key;
    }
    boolean ipOk = perIp.tryAcquire(clientIp);
    boolean userOk = perUsername.tryAcquire(key);
    if (!ipOk || !userOk) {
      throw new Refused(ipOk ? "THROTTLED_USERNAME" : "THROTTLED_IP",
          new Problem(ProblemKind.RATE_LIMITED, ErrorCodes.RATE_LIMITED, "too many login attempts; wait a minute"));
    }
    String pw = password == null ? "" : password;
    Optional<StoredUser> found = plausible ? users.stored(key) : Optional.empty();
    if (found.isEmpty()) {
      hasher.matchesNothing(pw);
      throw invalid("UNKNOWN_USER");
    }
    StoredUser u = found.get();
    if (u.user().disabled()) {
      hasher.matchesNothing(pw);
      throw invalid("USER_DISABLED");
    }
    PasswordCheck.Result checked = users.passwordCheck().check(u, pw);
    switch (checked) {
      case LOCKED -> throw invalid("ACCOUNT_LOCKED");
      case WRONG -> throw invalid("WRONG_PASSWORD");
      case WRONG_NOW_LOCKED -> throw invalid("WRONG_PASSWORD_NOW_LOCKED");
      case MATCH -> users.passwordCheck().succeeded(u.user().id());
    }
    try {
      users.refuseExpiredTemporary(u);
    } catch (Problem expired) {
      // only the holder of the right password learns this, so saying it reveals nothing to a guesser
      throw new Refused(UserService.TEMPORARY_PASSWORD_EXPIRED,
          Problem.unauthorized(UserService.TEMPORARY_PASSWORD_EXPIRED, expired.getMessage()));
    }
    return sessions.create(u.user(), clientIp);
  }

  private static Refused invalid(String auditReason) {
    return new Refused(auditReason, Problem.unauthorized(INVALID_CREDENTIALS, "invalid username or password"));
  }
}
