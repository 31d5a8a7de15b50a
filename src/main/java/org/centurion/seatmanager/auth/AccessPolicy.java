package org.centurion.seatmanager.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.centurion.seatmanager.config.Secret;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.problem.ProblemKind;

/**
 * Who may call a route, decided from the route's {@link RouteAccess} and the request's
 * {@link AccessRequest} alone: identity kind, minimum role, CSRF for cookie-authenticated writes,
 * step-up, the forced password change, staker-key address binding, operator-key seat binding and
 * scope, rate limits. Knows nothing of HTTP; refusals are {@link AccessDenied} naming who was refused
 * (the web layer puts every refusal on record).
 */
public final class AccessPolicy {
  /** Status reads per operator key (the original's 60 reads a minute). */
  public static final int OPERATOR_READS_PER_MINUTE = 60;
  /** Writes per operator key (rotate, exit request): far fewer are ever needed. */
  public static final int OPERATOR_WRITES_PER_MINUTE = 10;
  public static final String STATIC_TOKEN_EXPIRED = "STATIC_TOKEN_EXPIRED";
  public static final String STATIC_TOKEN_NOT_ALLOWED = "STATIC_TOKEN_NOT_ALLOWED";
  public static final String SESSION_INVALID = "SESSION_INVALID";
  private static final String STAKER_ADDRESS = "X-Staker-Address";
  private static final String CSRF = "X-CSRF-Token";

  /** The routes a user with a temporary password may still use. */
  private final Set<String> passwordChangeRoutes;
  private final Optional<byte[]> staticTokenDigest;
  private final Optional<Instant> staticTokenSunset;
  private final boolean requireStakerAuth;
  private final SessionService sessions;
  private final StakerKeyService stakerKeys;
  private final Optional<OperatorKeyService> operatorKeys;
  private final StepUpService stepUp;
  private final Clock clock;
  private final RateLimiter stakerReads;
  private final RateLimiter operatorReads;
  private final RateLimiter operatorWrites;

  /** @param operatorKeys operator API keys (issue 16); without them an operator key is an unknown credential */
  public AccessPolicy(Optional<Secret> staticToken, Optional<Instant> staticTokenSunset, boolean requireStakerAuth,
      SessionService sessions, StakerKeyService stakerKeys, Optional<OperatorKeyService> operatorKeys,
      StepUpService stepUp, Clock clock, LoginLimits limits, Set<String> passwordChangeRoutes) {
    this.staticTokenDigest = staticToken.map(s -> sha256(s.bytes()));
    this.staticTokenSunset = staticTokenSunset;
    this.requireStakerAuth = requireStakerAuth;
    this.sessions = sessions;
    this.stakerKeys = stakerKeys;
    this.operatorKeys = operatorKeys;
    this.stepUp = stepUp;
    this.clock = clock;
    this.stakerReads = new RateLimiter(limits.stakerReadsPerKeyPerMinute(), Duration.ofMinutes(1), clock);
    this.operatorReads = new RateLimiter(OPERATOR_READS_PER_MINUTE, Duration.ofMinutes(1), clock);
    this.operatorWrites = new RateLimiter(OPERATOR_WRITES_PER_MINUTE, Duration.ofMinutes(1), clock);
    this.passwordChangeRoutes = Set.copyOf(passwordChangeRoutes);
  }

  /** Admits the request or throws {@link AccessDenied}. */
  public Admission admit(RouteAccess route, AccessRequest request) {
    Caller anonymous = Caller.anonymous(request.clientIp());
    if (route.isPublic()) {
      return Admission.of(anonymous);
    }
    Optional<String> bearer = request.bearer();
    Optional<String> cookie = bearer.isPresent() ? Optional.empty() : request.sessionCookie().filter(c -> !c.isEmpty());
    if (bearer.isEmpty() && cookie.isEmpty()) {
      if (!requireStakerAuth && route.admits(IdentityKind.STAKER_KEY) && !route.write()) {
        return Admission.of(anonymous); // SEAT_MANAGER_REQUIRE_STAKER_AUTH=false: loopback-only development
      }
      throw unauthenticated(anonymous, ErrorCodes.AUTHENTICATION_REQUIRED, "authentication required");
    }
    if (bearer.isEmpty()) {
      return admitSession(route, request, cookie.get(), true);
    }
    String token = bearer.get();
    if (isStaticToken(token)) {
      return admitStaticToken(route, request);
    }
    if (token.startsWith(Tokens.STAKER_KEY_PREFIX)) {
      return admitStakerKey(route, request, token);
    }
    if (token.startsWith(Tokens.OPERATOR_KEY_PREFIX)) {
      return admitOperatorKey(route, request, token);
    }
    if (!token.startsWith(Tokens.SESSION_PREFIX)) {
      throw unauthenticated(anonymous, ErrorCodes.INVALID_CREDENTIALS, "unknown credential");
    }
    return admitSession(route, request, token, false);
  }

  private Admission admitStaticToken(RouteAccess route, AccessRequest request) {
    Caller caller = new Caller(IdentityKind.STATIC_TOKEN, Optional.empty(), "static-admin-token",
        Optional.of(Role.ADMIN), Optional.empty(), Optional.empty(), request.clientIp());
    if (staticTokenSunset.isPresent() && !clock.instant().isBefore(staticTokenSunset.get())) {
      throw unauthenticated(caller, STATIC_TOKEN_EXPIRED,
          "the static admin token is past its sunset; log in with a user account");
    }
    if (route.stepUp() || !route.admits(IdentityKind.STATIC_TOKEN)) {
      throw forbidden(caller, STATIC_TOKEN_NOT_ALLOWED,
          "the static admin token cannot be used here: log in as an ADMIN user and step up");
    }
    requireRole(route, caller);
    // Every use of the shared token is on record; the web layer records writes with their outcome.
    return new Admission(caller, Optional.empty(), Optional.empty(), !route.write());
  }

  private Admission admitStakerKey(RouteAccess route, AccessRequest request, String secret) {
    Optional<StakerKey> key = stakerKeys.resolve(secret);
    if (key.isEmpty()) {
      throw unauthenticated(Caller.anonymous(request.clientIp()), ErrorCodes.INVALID_CREDENTIALS,
          "unknown, expired or revoked credential");
    }
    StakerKey k = key.get();
    Caller caller = new Caller(IdentityKind.STAKER_KEY, Optional.empty(), "staker-key:" + k.id(),
        Optional.empty(), Optional.empty(), Optional.of(k.stakerAddress()), request.clientIp());
    if (route.write() || !route.admits(IdentityKind.STAKER_KEY)) {
      throw forbidden(caller, ErrorCodes.IDENTITY_NOT_ALLOWED, "staker API keys are read-only and limited to staker routes");
    }
    if (!stakerReads.tryAcquire(Long.toString(k.id()))) {
      throw new AccessDenied(caller, ProblemKind.RATE_LIMITED, ErrorCodes.RATE_LIMITED,
          "this staker key is limited to 60 requests per minute");
    }
    String claimed = request.stakerAddress().map(String::strip).orElse("");
    if (claimed.isEmpty()) {
      throw forbidden(caller, ErrorCodes.STAKER_ADDRESS_REQUIRED, "staker API keys must be sent with " + STAKER_ADDRESS);
    }
    if (!sameAddress(claimed, k.stakerAddress())) {
      throw forbidden(caller, ErrorCodes.STAKER_ADDRESS_MISMATCH, STAKER_ADDRESS + " is not the address this key is bound to");
    }
    String pathAddress = request.pathParams().get("address");
    if (pathAddress != null && !sameAddress(pathAddress, k.stakerAddress())) {
      throw forbidden(caller, ErrorCodes.STAKER_ADDRESS_MISMATCH, "this key may only read its own address");
    }
    return Admission.of(caller);
  }

  /**
   * An operator API key (issue 16) reaches only routes that admit operator keys, only for the one seat
   * it is bound to (the path's {@code id}), only with the route's scope, and within its rate limit.
   */
  private Admission admitOperatorKey(RouteAccess route, AccessRequest request, String secret) {
    Optional<OperatorKey> key = operatorKeys.flatMap(k -> k.resolve(secret));
    if (key.isEmpty()) {
      throw unauthenticated(Caller.anonymous(request.clientIp()), ErrorCodes.INVALID_CREDENTIALS,
          "unknown, expired or revoked credential");
    }
    OperatorKey k = key.get();
    Caller caller = new Caller(IdentityKind.OPERATOR_KEY, Optional.empty(), "operator-key:" + k.id(),
        Optional.empty(), Optional.empty(), Optional.empty(), request.clientIp());
    if (!route.admits(IdentityKind.OPERATOR_KEY) || route.operatorScope().isEmpty()) {
      throw forbidden(caller, ErrorCodes.IDENTITY_NOT_ALLOWED,
          "operator API keys are limited to the operator routes of their own seat");
    }
    RateLimiter limiter = route.write() ? operatorWrites : operatorReads;
    if (!limiter.tryAcquire(Long.toString(k.id()))) {
      throw new AccessDenied(caller, ProblemKind.RATE_LIMITED, ErrorCodes.RATE_LIMITED, "this operator key is limited to "
          + (route.write() ? OPERATOR_WRITES_PER_MINUTE + " writes" : OPERATOR_READS_PER_MINUTE + " reads") + " per minute");
    }
    String pathSeat = request.pathParams().get("id");
    if (pathSeat == null || !pathSeat.equals(Long.toString(k.seatId()))) {
      throw forbidden(caller, ErrorCodes.OPERATOR_KEY_WRONG_SEAT, "this key is bound to another seat");
    }
    OperatorScope scope = route.operatorScope().get();
    if (!k.has(scope)) {
      throw forbidden(caller, ErrorCodes.OPERATOR_SCOPE_MISSING, "this key lacks the scope " + scope.wire());
    }
    return new Admission(caller, Optional.empty(), Optional.of(k), false);
  }

  private Admission admitSession(RouteAccess route, AccessRequest request, String token, boolean viaCookie) {
    // A background refresh may only mark itself as not being use: the flag can shorten a session's
    // life, never extend it, so trusting it from the client is safe.
    Optional<ActiveSession> found = sessions.resolve(token, !request.backgroundRefresh());
    if (found.isEmpty()) {
      throw unauthenticated(Caller.anonymous(request.clientIp()), SESSION_INVALID,
          "the session is unknown, expired or revoked; log in again");
    }
    ActiveSession s = found.get();
    Caller caller = new Caller(IdentityKind.SESSION, Optional.of(s.user().id()), s.user().username(),
        Optional.of(s.user().role()), Optional.of(s.sessionId()), Optional.empty(), request.clientIp());
    if (!route.admits(IdentityKind.SESSION)) {
      throw forbidden(caller, ErrorCodes.IDENTITY_NOT_ALLOWED, "this route is not available to user sessions");
    }
    if (viaCookie && route.write() && !sessions.csrfMatches(token, request.csrfToken().orElse(null))) {
      throw forbidden(caller, ErrorCodes.CSRF_FAILED, "missing or wrong " + CSRF + " header");
    }
    if (s.user().passwordChangeRequired() && !passwordChangeRoutes.contains(route.routeKey())) {
      throw forbidden(caller, ErrorCodes.PASSWORD_CHANGE_REQUIRED,
          "change your temporary password first: POST /v1/users/" + s.user().id() + "/password");
    }
    requireRole(route, caller);
    if (route.stepUp()) {
      requireStepUp(request, s, caller);
    }
    return new Admission(caller, Optional.of(token), Optional.empty(), false);
  }

  /** The token is consumed here, by the first request that presents it: a replay is refused. */
  private void requireStepUp(AccessRequest request, ActiveSession s, Caller caller) {
    StepUpService.Verdict v = stepUp.admit(request.stepUpToken().orElse(null), s.sessionId(), s.user().id(),
        request.concreteRoute());
    if (v == StepUpService.Verdict.REPLAYED) {
      throw forbidden(caller, StepUpService.REPLAYED, "this step-up token was already used: step up again for this request");
    }
    if (v != StepUpService.Verdict.ADMITTED) {
      throw forbidden(caller, StepUpService.REQUIRED,
          "this operation needs a fresh step-up token for this very request in " + StepUpService.HEADER);
    }
  }

  private static void requireRole(RouteAccess route, Caller caller) {
    if (caller.role().isEmpty() || !caller.role().get().atLeast(route.minRole())) {
      throw forbidden(caller, ErrorCodes.FORBIDDEN, "this route needs role " + route.minRole());
    }
  }

  private static AccessDenied unauthenticated(Caller who, String code, String message) {
    return new AccessDenied(who, ProblemKind.UNAUTHENTICATED, code, message);
  }

  private static AccessDenied forbidden(Caller who, String code, String message) {
    return new AccessDenied(who, ProblemKind.FORBIDDEN, code, message);
  }

  /** Compares digests in constant time, so neither content nor length of the token leaks. */
  private boolean isStaticToken(String presented) {
    return staticTokenDigest.isPresent()
        && MessageDigest.isEqual(staticTokenDigest.get(), sha256(presented.getBytes(StandardCharsets.UTF_8)));
  }

  private static boolean sameAddress(String a, String b) {
    return a.matches("0x[0-9a-fA-F]{40}") && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
