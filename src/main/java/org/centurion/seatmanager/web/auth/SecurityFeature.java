package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.auth.Hmac;
import org.centurion.seatmanager.auth.LoginLimits;
import org.centurion.seatmanager.auth.LoginService;
import org.centurion.seatmanager.auth.PasswordCheck;
import org.centurion.seatmanager.auth.PasswordHasher;
import org.centurion.seatmanager.auth.SessionService;
import org.centurion.seatmanager.auth.StakerKeyService;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.auth.TotpService;
import org.centurion.seatmanager.auth.UserService;


import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.centurion.seatmanager.audit.AuditLog;
import org.centurion.seatmanager.web.auth.ChangePasswordEndpoint;
import org.centurion.seatmanager.web.auth.LogoutEndpoint;
import org.centurion.seatmanager.web.auth.MeEndpoint;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.web.RequestGuard;
import org.jdbi.v3.core.Jdbi;

/**
 * The security core's object graph: users, sessions, step-up, TOTP, staker keys, the audit log,
 * and the guard, built with plain constructors from configuration (its routes are listed in
 * {@code web.routes.RouteRegistry}).
 */
public final class SecurityFeature {
  private final AuditLog audit;
  private final UserService users;
  private final SessionService sessions;
  private final StakerKeyService stakerKeys;
  private final SecurityGuard guard;
  private final TotpService totp;
  private final LoginService login;
  private final StepUpService stepUp;
  private final SessionCookie cookie;

  public SecurityFeature(Config.Secrets secrets, Config.Security security, Jdbi jdbi, Clock clock) {
    this(secrets, security, jdbi, clock, Set.of());
  }

  /**
   * @param morePasswordChangeRoutes routes of other features (the console's password page) that a user
   *     with a temporary password may still use, as {@link SecurityGuard#routeKey} keys
   */
  public SecurityFeature(Config.Secrets secrets, Config.Security security, Jdbi jdbi, Clock clock,
      Set<String> morePasswordChangeRoutes) {
    this(secrets, security, jdbi, clock, morePasswordChangeRoutes, new AuditLog(jdbi, clock));
  }

  /** As above, recording in the process's one audit log (the composition root's). */
  public SecurityFeature(Config.Secrets secrets, Config.Security security, Jdbi jdbi, Clock clock,
      Set<String> morePasswordChangeRoutes, AuditLog audit) {
    LoginLimits limits = new LoginLimits(security.loginAttemptsPerUserPerMinute(),
        security.loginAttemptsPerIpPerMinute(), LoginLimits.defaults().stepUpsPerSessionPerMinute(),
        LoginLimits.defaults().stakerReadsPerKeyPerMinute());
    Hmac sessionHmac = new Hmac(secrets.sessionHmac());
    Hmac stepUpHmac = new Hmac(secrets.stepUpHmac());
    PasswordHasher hasher = new PasswordHasher();
    this.audit = audit;
    this.users = new UserService(jdbi, hasher, clock,
        new PasswordCheck.Lockout(security.lockoutThreshold(), security.lockoutDuration()),
        security.temporaryPasswordTtl(), security.adminPasswordMinLength());
    this.sessions = new SessionService(jdbi, sessionHmac, clock, security.sessionIdleTimeout(),
        security.sessionAbsoluteTimeout());
    this.stakerKeys = new StakerKeyService(jdbi, sessionHmac, clock);
    this.stepUp = new StepUpService(users, hasher, stepUpHmac, clock, limits);
    this.totp = new TotpService(users, stepUpHmac, clock);
    this.login = new LoginService(users, sessions, hasher, clock, limits);
    this.cookie = new SessionCookie(security.secureCookies());

    Set<String> passwordChangeRoutes = new java.util.HashSet<>(morePasswordChangeRoutes);
    passwordChangeRoutes.addAll(List.of(SecurityGuard.routeKey(LogoutEndpoint.SPEC),
        SecurityGuard.routeKey(MeEndpoint.SPEC), SecurityGuard.routeKey(ChangePasswordEndpoint.SPEC)));
    this.guard = new SecurityGuard(security.staticAdminToken(), security.staticAdminTokenSunset(),
        security.requireStakerAuth(), sessions, stakerKeys, stepUp, audit, clock, limits, passwordChangeRoutes);
  }

  public RequestGuard guard() {
    return guard;
  }

  public TotpService totp() {
    return totp;
  }

  public AuditLog audit() {
    return audit;
  }

  public UserService users() {
    return users;
  }

  public SessionService sessions() {
    return sessions;
  }

  public StakerKeyService stakerKeys() {
    return stakerKeys;
  }

  public LoginService login() {
    return login;
  }

  public StepUpService stepUp() {
    return stepUp;
  }

  public SessionCookie cookie() {
    return cookie;
  }
}
