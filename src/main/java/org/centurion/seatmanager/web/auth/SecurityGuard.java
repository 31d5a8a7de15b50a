package org.centurion.seatmanager.web.auth;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.centurion.seatmanager.audit.AuditEntry;
import org.centurion.seatmanager.audit.AuditEvent;
import org.centurion.seatmanager.audit.AuditLog;
import org.centurion.seatmanager.audit.AuditResult;
import org.centurion.seatmanager.auth.AccessDenied;
import org.centurion.seatmanager.auth.AccessPolicy;
import org.centurion.seatmanager.auth.AccessRequest;
import org.centurion.seatmanager.auth.Admission;
import org.centurion.seatmanager.auth.Caller;
import org.centurion.seatmanager.auth.OperatorKey;
import org.centurion.seatmanager.auth.RouteAccess;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.InputCharacters;
import org.centurion.seatmanager.web.ProblemResponses;
import org.centurion.seatmanager.web.RequestGuard;
import org.centurion.seatmanager.web.audit.AuditNotes;

/**
 * The HTTP half of the access check: reads each request's credentials and claims into an
 * {@link AccessRequest}, asks the {@link AccessPolicy} with the route's {@link RouteAccess} (from its
 * {@link EndpointSpec}), and puts every refusal and every write on record; so is every use of the
 * static admin token.
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
  private static final String OPERATOR_KEY = "sm.operatorKey";

  private final AccessPolicy policy;
  private final AuditLog audit;

  public SecurityGuard(AccessPolicy policy, AuditLog audit) {
    this.policy = policy;
    this.audit = audit;
  }

  /** The key under which a route is named in {@code passwordChangeRoutes}: "POST /v1/auth/logout". */
  public static String routeKey(EndpointSpec spec) {
    return spec.method() + " " + spec.path();
  }

  /** The {@code route} a step-up token for this request must name: its method and concrete path. */
  public static String stepUpRoute(Context ctx) {
    return ctx.req().getMethod() + " " + ctx.path();
  }

  /** The operator key of an admitted operator-key request (bound to the path's seat, scope checked). */
  public static OperatorKey operatorKey(Context ctx) {
    OperatorKey k = ctx.attribute(OPERATOR_KEY);
    if (k == null) {
      throw new IllegalStateException("not an operator-key request");
    }
    return k;
  }

  /** The raw session token of an admitted session request (for the logout and CSRF handlers). */
  public static String sessionToken(Context ctx) {
    return ctx.attribute(SESSION_TOKEN);
  }

  /** What the route demands, in the policy's terms. */
  static RouteAccess access(EndpointSpec spec) {
    return new RouteAccess(routeKey(spec), spec.identities(), spec.minRole(), spec.isWrite(), spec.stepUp(),
        spec.operatorScope());
  }

  /** What the request carries, read off the wire and not yet checked. */
  static AccessRequest request(Context ctx) {
    return new AccessRequest(Optional.ofNullable(bearer(ctx)), Optional.ofNullable(SessionCookie.read(ctx)),
        Optional.ofNullable(ctx.header(CSRF_HEADER)), Optional.ofNullable(ctx.header(STAKER_ADDRESS_HEADER)),
        Optional.ofNullable(ctx.header(StepUpService.HEADER)),
        BACKGROUND_REFRESH_VALUE.equals(ctx.header(BACKGROUND_REFRESH_HEADER)), stepUpRoute(ctx), ctx.pathParamMap(),
        ctx.ip());
  }

  @Override
  public Caller admit(Context ctx, EndpointSpec spec, String requestId) {
    Admission admitted;
    try {
      admitted = policy.admit(access(spec), request(ctx));
    } catch (AccessDenied e) {
      throw deny(ctx, spec, e.who(), requestId, ProblemResponses.toApiError(e));
    }
    Caller caller = admitted.caller();
    if (spec.isPublic()) {
      return caller;
    }
    ctx.attribute(CALLER, caller);
    admitted.sessionToken().ifPresent(token -> ctx.attribute(SESSION_TOKEN, token));
    admitted.operatorKey().ifPresent(key -> ctx.attribute(OPERATOR_KEY, key));
    if (admitted.recordUse()) {
      record(ctx, spec, caller, requestId, AuditResult.SUCCESS, null);
    }
    return caller;
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
}
