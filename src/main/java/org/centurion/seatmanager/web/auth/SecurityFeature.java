package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.auth.AccessPolicy;
import org.centurion.seatmanager.auth.Hmac;
import org.centurion.seatmanager.auth.HmacKeys;
import org.centurion.seatmanager.auth.LoginLimits;
import org.centurion.seatmanager.auth.LoginService;
import org.centurion.seatmanager.auth.OperatorKeyService;
import org.centurion.seatmanager.auth.PasswordCheck;
import org.centurion.seatmanager.auth.PasswordHasher;
import org.centurion.seatmanager.auth.SecondFactors;
import org.centurion.seatmanager.auth.SessionService;
import org.centurion.seatmanager.auth.StakerKeyService;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.auth.TotpService;
import org.centurion.seatmanager.auth.UserService;


import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.centurion.seatmanager.audit.AuditChainChecks;
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
  private final AuditChainChecks chainChecks;
  private final UserService users;
  private final SessionService sessions;
  private final StakerKeyService stakerKeys;
  private final SecurityGuard guard;
  private final TotpService totp;
  private final SecondFactors factors;
  private final LoginService login;
  private final StepUpService stepUp;
  private final SessionCookie cookie;
  private final java.util.Optional<OperatorKeyService> operatorKeys;

  public SecurityFeature(Config.Secrets secrets, Config.Security security, Jdbi jdbi, Clock clock) {
    this(secrets, security, jdbi, clock, Set.of());
  }

  public SecurityFeature(Config.Secrets secrets, Config.Security security, Jdbi jdbi, Clock clock,
      Set<String> morePasswordChangeRoutes) {
    this(secrets, security, jdbi, clock, morePasswordChangeRoutes, new AuditLog(jdbi, clock));
  }

  /** As above, recording in the process's one audit log (the composition root's), with development's second factors. */
  public SecurityFeature(Config.Secrets secrets, Config.Security security, Jdbi jdbi, Clock clock,
      Set<String> morePasswordChangeRoutes, AuditLog audit) {
    this(secrets, security, Config.Mfa.development(), java.util.Optional.empty(), jdbi, clock, morePasswordChangeRoutes,
        audit);
  }

  /**
   * @param mfa second factors: the TOTP sealing key, the passkey relying party, whether ADMINs need one
   * @param morePasswordChangeRoutes routes of other features (the console's password page) that a user
   *     with a temporary password may still use, as {@link SecurityGuard#routeKey} keys
   * @param operator the operator side's settings (issue 16): operator API keys are hashed under its secret;
   *     without it the guard knows no operator key
   */
  public SecurityFeature(Config.Secrets secrets, Config.Security security, Config.Mfa mfa,
      java.util.Optional<Config.Operator> operator, Jdbi jdbi, Clock clock, Set<String> morePasswordChangeRoutes,
      AuditLog audit) {
    LoginLimits limits = new LoginLimits(security.loginAttemptsPerUserPerMinute(),
        security.loginAttemptsPerIpPerMinute(), LoginLimits.defaults().stepUpsPerSessionPerMinute(),
        LoginLimits.defaults().stakerReadsPerKeyPerMinute());
    HmacKeys sessionKeys = HmacKeys.session(secrets, clock);
    HmacKeys stepUpKeys = HmacKeys.stepUp(secrets, clock);
    Hmac stepUpHmac = stepUpKeys.current();
    PasswordHasher hasher = new PasswordHasher();
    this.audit = audit;
    this.chainChecks = new AuditChainChecks(audit, jdbi, clock);
    this.users = new UserService(jdbi, hasher, clock,
        new PasswordCheck.Lockout(security.lockoutThreshold(), security.lockoutDuration()),
        security.temporaryPasswordTtl(), security.adminPasswordMinLength());
    this.sessions = new SessionService(jdbi, sessionKeys, clock, security.sessionIdleTimeout(),
        security.sessionAbsoluteTimeout());
    this.stakerKeys = new StakerKeyService(jdbi, HmacKeys.stakerKeys(secrets, clock), sessionKeys, clock);
    this.factors = new SecondFactors(users, stepUpHmac, mfa, clock);
    this.totp = factors.totp();
    // the first factor is enrolled with the password alone (production ADMINs may step up for nothing else)
    this.stepUp = new StepUpService(users, stepUpKeys, clock, limits, factors, mfa.requireForAdmins(),
        Set.of(SecurityGuard.routeKey(TotpEnrolEndpoint.SPEC), SecurityGuard.routeKey(PasskeyRegistrationOptionsEndpoint.SPEC)));
    this.login = new LoginService(users, sessions, hasher, clock, limits);
    this.cookie = new SessionCookie(security.secureCookies());
    this.operatorKeys = operator.map(o -> new OperatorKeyService(jdbi, new Hmac(o.operatorKeyHash()), clock,
        o.operatorKeyTtl()));

    Set<String> passwordChangeRoutes = new java.util.HashSet<>(morePasswordChangeRoutes);
    passwordChangeRoutes.addAll(List.of(SecurityGuard.routeKey(LogoutEndpoint.SPEC),
        SecurityGuard.routeKey(MeEndpoint.SPEC), SecurityGuard.routeKey(ChangePasswordEndpoint.SPEC)));
    this.guard = new SecurityGuard(new AccessPolicy(security.staticAdminToken(), security.staticAdminTokenSunset(),
        security.requireStakerAuth(), sessions, stakerKeys, operatorKeys, stepUp, clock, limits,
        passwordChangeRoutes), audit);
  }

  public RequestGuard guard() {
    return guard;
  }

  public TotpService totp() {
    return totp;
  }

  public SecondFactors factors() {
    return factors;
  }

  public AuditLog audit() {
    return audit;
  }

  /** The audit chain's recorded verifications (the console shows the last one). */
  public AuditChainChecks chainChecks() {
    return chainChecks;
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

  /** Operator API keys; empty when the feature was built without the operator settings. */
  public java.util.Optional<OperatorKeyService> operatorKeys() {
    return operatorKeys;
  }

  public StepUpService stepUp() {
    return stepUp;
  }

  public SessionCookie cookie() {
    return cookie;
  }
}
