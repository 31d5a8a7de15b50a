package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.auth.ActiveSession;
import org.centurion.seatmanager.auth.IdentityKind;
import org.centurion.seatmanager.auth.LoginLimits;
import org.centurion.seatmanager.auth.RateLimiter;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SessionService;
import org.centurion.seatmanager.auth.StakerKey;
import org.centurion.seatmanager.auth.StakerKeyService;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.auth.Tokens;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.centurion.seatmanager.audit.AuditEntry;
import org.centurion.seatmanager.audit.AuditEvent;
import org.centurion.seatmanager.audit.AuditLog;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.audit.AuditResult;
import org.centurion.seatmanager.config.Secret;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.auth.Caller;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.RequestGuard;
import org.centurion.seatmanager.web.InputCharacters;

/**
 * The one place requests are authenticated and authorized, from each route's {@link EndpointSpec}
 * alone: identity kind, minimum role, CSRF for cookie-authenticated writes, step-up,
 * the forced password change, staker-key address binding. Every refusal and every write is
 * audited; so is every use of the static admin token.
 */
public final class SecurityGuard implements RequestGuard {
  /** Sent by pages on their timed refreshes: such a request does not reset the idle timeout. */
  public static final String BACKGROUND_REFRESH_HEADER = "X-Background-Refresh";
  public static final String BACKGROUND_REFRESH_VALUE = "1";
  public static final String STAKER_ADDRESS_HEADER = "X-Staker-Address";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String CALLER = "sm.caller";
  private static final String SESSION_TOKEN = "sm.sessionToken";
  private static final String ATTEMPT_ID = "sm.audit.attemptId";

  /** The routes a user with a temporary password may still use. */
  private final Set<String> passwordChangeRoutes;
  private final Optional<byte[]> staticTokenDigest;
  private final Optional<Instant> staticTokenSunset;
  private final boolean requireStakerAuth;
  private final SessionService sessions;
  private final StakerKeyService stakerKeys;
  private final StepUpService stepUp;
  private final AuditLog audit;
  private final Clock clock;
  private final RateLimiter stakerReads;

  public SecurityGuard(Optional<Secret> staticToken, Optional<Instant> staticTokenSunset, boolean requireStakerAuth,
      SessionService sessions, StakerKeyService stakerKeys, StepUpService stepUp, AuditLog audit, Clock clock,
      LoginLimits limits, Set<String> passwordChangeRoutes) {
    this.staticTokenDigest = staticToken.map(s -> sha256(s.bytes()));
    this.staticTokenSunset = staticTokenSunset;
    this.requireStakerAuth = requireStakerAuth;
    this.sessions = sessions;
    this.stakerKeys = stakerKeys;
    this.stepUp = stepUp;
    this.audit = audit;
    this.clock = clock;
    this.stakerReads = new RateLimiter(limits.stakerReadsPerKeyPerMinute(), Duration.ofMinutes(1), clock);
    this.passwordChangeRoutes = Set.copyOf(passwordChangeRoutes);
  }

  /** The key under which a route is named in {@code passwordChangeRoutes}: "POST /v1/auth/logout". */
  public static String routeKey(EndpointSpec spec) {
    return spec.method() + " " + spec.path();
  }

  /** The {@code route} a step-up token for this request must name: its method and concrete path. */
  public static String stepUpRoute(Context ctx) {
    return ctx.req().getMethod() + " " + ctx.path();
  }

  /** The raw session token of an admitted session request (for the logout and CSRF handlers). */
  public static String sessionToken(Context ctx) {
    return ctx.attribute(SESSION_TOKEN);
  }

  @Override
  public Caller admit(Context ctx, EndpointSpec spec, String requestId) {
    String ip = ctx.ip();
    Caller anonymous = Caller.anonymous(ip);
    if (spec.isPublic()) {
      return anonymous;
    }
    String bearer = bearer(ctx);
    String cookie = bearer == null ? SessionCookie.read(ctx) : null;
    if (bearer == null && (cookie == null || cookie.isEmpty())) {
      if (!requireStakerAuth && spec.identities().contains(IdentityKind.STAKER_KEY) && !spec.isWrite()) {
        return anonymous; // SEAT_MANAGER_REQUIRE_STAKER_AUTH=false: loopback-only development
      }
      throw deny(ctx, spec, anonymous, requestId,
          ApiError.unauthorized(ErrorCodes.AUTHENTICATION_REQUIRED, "authentication required"));
    }
    if (bearer != null && isStaticToken(bearer)) {
      return admitStaticToken(ctx, spec, requestId, ip);
    }
    if (bearer != null && bearer.startsWith(Tokens.STAKER_KEY_PREFIX)) {
      return admitStakerKey(ctx, spec, requestId, ip, bearer);
    }
    if (bearer != null && !bearer.startsWith(Tokens.SESSION_PREFIX)) {
      throw deny(ctx, spec, Caller.anonymous(ip), requestId,
          ApiError.unauthorized(ErrorCodes.INVALID_CREDENTIALS, "unknown credential"));
    }
    String token = bearer != null ? bearer : cookie;
    return admitSession(ctx, spec, requestId, ip, token, bearer == null);
  }

  private Caller admitStaticToken(Context ctx, EndpointSpec spec, String requestId, String ip) {
    Caller caller = new Caller(IdentityKind.STATIC_TOKEN, Optional.empty(), "static-admin-token",
        Optional.of(Role.ADMIN), Optional.empty(), Optional.empty(), ip);
    if (staticTokenSunset.isPresent() && !clock.instant().isBefore(staticTokenSunset.get())) {
      throw deny(ctx, spec, caller, requestId, ApiError.unauthorized("STATIC_TOKEN_EXPIRED",
          "the static admin token is past its sunset; log in with a user account"));
    }
    if (spec.stepUp() || !spec.identities().contains(IdentityKind.STATIC_TOKEN)) {
      throw deny(ctx, spec, caller, requestId, ApiError.forbidden("STATIC_TOKEN_NOT_ALLOWED",
          "the static admin token cannot be used here: log in as an ADMIN user and step up"));
    }
    requireRole(ctx, spec, caller, requestId);
    ctx.attribute(CALLER, caller);
    if (!spec.isWrite()) {
      // Every use of the shared token is on record; writes are recorded by afterWrite.
      record(ctx, spec, caller, requestId, AuditResult.SUCCESS, null);
    }
    return caller;
  }

  private Caller admitStakerKey(Context ctx, EndpointSpec spec, String requestId, String ip, String secret) {
    Optional<StakerKey> key = stakerKeys.resolve(secret);
    if (key.isEmpty()) {
      throw deny(ctx, spec, Caller.anonymous(ip), requestId,
          ApiError.unauthorized(ErrorCodes.INVALID_CREDENTIALS, "unknown, expired or revoked credential"));
    }
    StakerKey k = key.get();
    Caller caller = new Caller(IdentityKind.STAKER_KEY, Optional.empty(), "staker-key:" + k.id(),
        Optional.empty(), Optional.empty(), Optional.of(k.stakerAddress()), ip);
    if (spec.isWrite() || !spec.identities().contains(IdentityKind.STAKER_KEY)) {
      throw deny(ctx, spec, caller, requestId, ApiError.forbidden(ErrorCodes.IDENTITY_NOT_ALLOWED,
          "staker API keys are read-only and limited to staker routes"));
    }
    if (!stakerReads.tryAcquire(Long.toString(k.id()))) {
      throw deny(ctx, spec, caller, requestId, new ApiError(429, ErrorCodes.RATE_LIMITED,
          "this staker key is limited to 60 requests per minute"));
    }
    String claimed = ctx.header(STAKER_ADDRESS_HEADER);
    if (claimed == null || claimed.isBlank()) {
      throw deny(ctx, spec, caller, requestId, ApiError.forbidden(ErrorCodes.STAKER_ADDRESS_REQUIRED,
          "staker API keys must be sent with " + STAKER_ADDRESS_HEADER));
    }
    if (!sameAddress(claimed.strip(), k.stakerAddress())) {
      throw deny(ctx, spec, caller, requestId, ApiError.forbidden(ErrorCodes.STAKER_ADDRESS_MISMATCH,
          STAKER_ADDRESS_HEADER + " is not the address this key is bound to"));
    }
    String pathAddress = ctx.pathParamMap().get("address");
    if (pathAddress != null && !sameAddress(pathAddress, k.stakerAddress())) {
      throw deny(ctx, spec, caller, requestId, ApiError.forbidden(ErrorCodes.STAKER_ADDRESS_MISMATCH,
          "this key may only read its own address"));
    }
    ctx.attribute(CALLER, caller);
    return caller;
  }

  private Caller admitSession(Context ctx, EndpointSpec spec, String requestId, String ip, String token,
      boolean viaCookie) {
    // A background refresh may only mark itself as not being use: the header can shorten a session's
    // life, never extend it, so trusting it from the client is safe.
    boolean activity = !BACKGROUND_REFRESH_VALUE.equals(ctx.header(BACKGROUND_REFRESH_HEADER));
    Optional<ActiveSession> found = sessions.resolve(token, activity);
    if (found.isEmpty()) {
      throw deny(ctx, spec, Caller.anonymous(ip), requestId,
          ApiError.unauthorized("SESSION_INVALID", "the session is unknown, expired or revoked; log in again"));
    }
    ActiveSession s = found.get();
    Caller caller = new Caller(IdentityKind.SESSION, Optional.of(s.user().id()), s.user().username(),
        Optional.of(s.user().role()), Optional.of(s.sessionId()), Optional.empty(), ip);
    if (!spec.identities().contains(IdentityKind.SESSION)) {
      throw deny(ctx, spec, caller, requestId, ApiError.forbidden(ErrorCodes.IDENTITY_NOT_ALLOWED,
          "this route is not available to user sessions"));
    }
    if (viaCookie && spec.isWrite() && !sessions.csrfMatches(token, ctx.header(CSRF_HEADER))) {
      throw deny(ctx, spec, caller, requestId, ApiError.forbidden(ErrorCodes.CSRF_FAILED,
          "missing or wrong " + CSRF_HEADER + " header"));
    }
    if (s.user().passwordChangeRequired() && !passwordChangeRoutes.contains(routeKey(spec))) {
      throw deny(ctx, spec, caller, requestId, ApiError.forbidden(ErrorCodes.PASSWORD_CHANGE_REQUIRED,
          "change your temporary password first: POST /v1/users/" + s.user().id() + "/password"));
    }
    requireRole(ctx, spec, caller, requestId);
    if (spec.stepUp()) {
      // consumed here, by the first request that presents it: a replay is refused
      StepUpService.Verdict v = stepUp.admit(ctx.header(StepUpService.HEADER), s.sessionId(), s.user().id(),
          stepUpRoute(ctx));
      if (v != StepUpService.Verdict.ADMITTED) {
        throw deny(ctx, spec, caller, requestId, v == StepUpService.Verdict.REPLAYED
            ? ApiError.forbidden(StepUpService.REPLAYED, "this step-up token was already used: step up again for this request")
            : ApiError.forbidden(StepUpService.REQUIRED,
                "this operation needs a fresh step-up token for this very request in " + StepUpService.HEADER));
      }
    }
    ctx.attribute(CALLER, caller);
    ctx.attribute(SESSION_TOKEN, token);
    return caller;
  }

  private void requireRole(Context ctx, EndpointSpec spec, Caller caller, String requestId) {
    if (caller.role().isEmpty() || !caller.role().get().atLeast(spec.minRole())) {
      throw deny(ctx, spec, caller, requestId, ApiError.forbidden(ErrorCodes.FORBIDDEN,
          "this route needs role " + spec.minRole()));
    }
  }

  /**
   * Write-ahead audit: the attempt is appended and committed before the handler runs, and the
   * outcome row names it. We chose this over appending inside the handlers' own transactions
   * because writes do not commit in one transaction: seat commands commit an operation and its tx
   * intent before anything is signed and broadcast, key indexes come from sequences, and several
   * handlers commit more than once. Joining those transactions would mean either holding durable
   * intents uncommitted across an external side effect (a double-spend after a crash) or auditing
   * only one of several commits; it would also hold the chain's advisory lock, which serialises
   * every append, for the length of a business transaction. With the attempt first, a crash at
   * any point after admission leaves at least the attempt: the record is never lost. docs/security.md.
   */
  @Override
  public void beforeWrite(Context ctx, EndpointSpec spec, Caller caller, String requestId) {
    AuditEntry attempt = audit.append(event(ctx, spec, caller, requestId, AuditResult.ATTEMPTED, null, null));
    ctx.attribute(ATTEMPT_ID, attempt.id());
  }

  @Override
  public void afterWrite(Context ctx, EndpointSpec spec, Caller caller, String requestId, int status,
      String errorCode) {
    Caller who = caller != null ? caller : ctx.attribute(CALLER);
    if (who == null) {
      who = Caller.anonymous(ctx.ip());
    }
    String reason = AuditNotes.reason(ctx) != null ? AuditNotes.reason(ctx) : errorCode;
    audit.append(event(ctx, spec, who, requestId, AuditResult.ofStatus(status), reason, ctx.attribute(ATTEMPT_ID)));
  }

  @Override
  public void deniedRead(Context ctx, EndpointSpec spec, Caller caller, String requestId, String errorCode) {
    String reason = AuditNotes.reason(ctx) != null ? AuditNotes.reason(ctx) : errorCode;
    record(ctx, spec, caller, requestId, AuditResult.DENIED, reason);
  }

  /** Remembers who was refused (afterWrite audits refused writes) and audits refused reads now. */
  private ApiError deny(Context ctx, EndpointSpec spec, Caller who, String requestId, ApiError e) {
    ctx.attribute(CALLER, who);
    if (!spec.isWrite()) {
      record(ctx, spec, who, requestId, AuditResult.DENIED, e.code());
    }
    return e;
  }

  private void record(Context ctx, EndpointSpec spec, Caller who, String requestId, AuditResult result,
      String reason) {
    audit.append(event(ctx, spec, who, requestId, result, reason, null));
  }

  private static AuditEvent event(Context ctx, EndpointSpec spec, Caller who, String requestId,
      AuditResult result, String reason, Long attemptId) {
    String actor = AuditNotes.actor(ctx) != null ? AuditNotes.actor(ctx) : who.name();
    String action = AuditNotes.action(ctx) != null ? AuditNotes.action(ctx) : routeKey(spec);
    String target = AuditNotes.target(ctx) != null ? AuditNotes.target(ctx) : pathTarget(ctx);
    // Refused input can reach the record (a claimed username, a path parameter): control characters
    // are replaced, so a NUL cannot make the row fail to insert.
    return new AuditEvent(InputCharacters.printable(actor), who.kind().name(), who.role().map(Enum::name).orElse(null),
        InputCharacters.printable(action), InputCharacters.printable(target), result, InputCharacters.printable(reason),
        requestId, who.clientIp(), attemptId);
  }

  private static String pathTarget(Context ctx) {
    Map<String, String> params = new TreeMap<>(ctx.pathParamMap());
    if (params.isEmpty()) {
      return null;
    }
    return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }

  private static String bearer(Context ctx) {
    String h = ctx.header("Authorization");
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String t = h.substring(7).strip();
    return t.isEmpty() ? null : t;
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
