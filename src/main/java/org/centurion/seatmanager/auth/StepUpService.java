package org.centurion.seatmanager.auth;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.problem.ProblemKind;
import org.jdbi.v3.core.Jdbi;

/**
 * Step-up (CSM-02): a session re-proves its password (and TOTP when enrolled) and receives a
 * short-lived token signed with STEP_UP_HMAC_SECRET. The token names the session, the user and the
 * one request it is for (method and concrete path, so route and target: {@code POST /v1/seats/42/settle}),
 * expires after {@link #TTL}, and is consumed by the first request that presents it (its id is
 * recorded in {@code step_up_consumed}; a replay is refused with {@value #REPLAYED}). Binding to the
 * session means logout ends it too and another session cannot borrow it.
 */
public final class StepUpService {
  public static final Duration TTL = Duration.ofMinutes(5);
  public static final String HEADER = "X-Step-Up-Token";
  public static final String REQUIRED = "STEP_UP_REQUIRED";
  public static final String REPLAYED = "STEP_UP_REPLAYED";
  public static final String FAILED = ErrorCodes.STEP_UP_FAILED;
  public static final String INVALID_ROUTE = "INVALID_STEP_UP_ROUTE";
  /** A production ADMIN without a second factor may step up only to enrol one. */
  public static final String MFA_ENROLMENT_REQUIRED = "MFA_ENROLMENT_REQUIRED";
  private static final String DOMAIN = "step-up-v2";
  private static final String PREFIX = "su2.";
  /**
   * The route of a token issued without one (the api.md contract, {@code {password}} alone): it admits
   * the first step-up request of its session that presents it, and only that one. Naming the route binds
   * it tighter: a token stolen in flight then cannot be spent on another seat or operation.
   */
  private static final String ANY_ONE_REQUEST = "*";
  /** "METHOD /concrete/path" of a state-changing request. */
  private static final Pattern ROUTE = Pattern.compile("(POST|PUT|PATCH|DELETE) /[\\x21-\\x7e]{0,300}");

  private final UserService users;
  private final Hmac hmac;
  private final Clock clock;
  private final RateLimiter perSession;
  private final SecondFactors factors;
  private final boolean requireForAdmins;
  private final Set<String> enrolmentRoutes;
  private final Jdbi jdbi;

  /** Development's rules (no second factor required), with TOTP sealed under the step-up-derived key. */
  public StepUpService(UserService users, PasswordHasher hasher, Hmac stepUpHmac, Clock clock, LoginLimits limits) {
    this(users, stepUpHmac, clock, limits,
        new SecondFactors(users, stepUpHmac, org.centurion.seatmanager.config.Config.Mfa.development(), clock),
        false, Set.of());
  }

  /**
   * @param requireForAdmins production: an ADMIN with no second factor cannot step up, except for
   *     {@code enrolmentRoutes} ("POST /v1/auth/totp"), so the first factor can be enrolled with the
   *     password (enrolment signs nothing; a second factor's enrolment needs the first, as every step-up
   *     of an enrolled user does)
   */
  public StepUpService(UserService users, Hmac stepUpHmac, Clock clock, LoginLimits limits, SecondFactors factors,
      boolean requireForAdmins, Set<String> enrolmentRoutes) {
    this.users = users;
    this.hmac = stepUpHmac;
    this.factors = factors;
    this.requireForAdmins = requireForAdmins;
    this.enrolmentRoutes = Set.copyOf(enrolmentRoutes);
    this.clock = clock;
    this.jdbi = users.jdbi();
    this.perSession = new RateLimiter(limits.stepUpsPerSessionPerMinute(), Duration.ofMinutes(1), clock);
  }

  /** @param secondFactor the factor the step-up was passed with ({@code NONE} when the user has none) */
  public record Issued(String stepUpToken, Instant expiresAt, String route, SecondFactors.Factor secondFactor) {
    @Override
    public String toString() {
      return "Issued[token redacted, expiresAt=" + expiresAt + ", route=" + route + ", secondFactor=" + secondFactor
          + "]";
    }
  }

  /** What the guard found in a request's step-up header. */
  public enum Verdict { ADMITTED, MISSING_OR_INVALID, REPLAYED }

  /**
   * @param route the one request the token will admit, {@code "POST /v1/seats/42/settle"}, or null for
   *     the first step-up request of this session that presents it
   */
  public Issued issue(long sessionId, long userId, String password, String totp, String route) {
    return issueWith(sessionId, userId, password, SecondFactors.Proof.ofTotp(totp), route);
  }

  /**
   * Checks the password and, when the user has a second factor, exactly one factor in {@code proof}; every
   * failure counts toward the account's lockout (the attempt is reserved before anything is checked, and
   * only a full success clears it).
   */
  public Issued issueWith(long sessionId, long userId, String password, SecondFactors.Proof proof, String route) {
    if (route != null && !ROUTE.matcher(route).matches()) {
      throw Problem.badRequest(INVALID_ROUTE,
          "route must name the request the step-up is for: METHOD and concrete path, e.g. \"POST /v1/seats/42/settle\"");
    }
    if (!perSession.tryAcquire(Long.toString(sessionId))) {
      throw new Problem(ProblemKind.RATE_LIMITED, ErrorCodes.RATE_LIMITED, "too many step-up attempts; wait a minute");
    }
    StoredUser u = users.stored(userId).orElseThrow(() -> Problem.notFound("no such user"));
    boolean enrolled = factors.enrolled(u);
    // decided before the password is checked: the refusal then tells a session thief nothing about it
    if (!enrolled && requireForAdmins && u.user().role() == Role.ADMIN && (route == null || !enrolmentRoutes.contains(route))) {
      throw Problem.forbidden(MFA_ENROLMENT_REQUIRED, "an ADMIN needs a second factor to step up: enrol TOTP "
          + "(POST /v1/auth/totp) or a passkey (POST /v1/auth/passkeys/registration/options), stepping up for that "
          + "route with the password alone");
    }
    // one counter with login: a failed step-up (password or second factor) counts toward the lockout, and a
    // locked account cannot step up
    if (!users.passwordCheck().check(u, password).matched()) {
      throw Problem.forbidden(FAILED, "password or second factor is wrong");
    }
    SecondFactors.Factor factor = SecondFactors.Factor.NONE;
    if (enrolled) {
      factor = factors.verify(sessionId, u, proof)
          .orElseThrow(() -> Problem.forbidden(FAILED, "password or second factor is wrong"));
    }
    users.passwordCheck().succeeded(userId);
    Instant expires = clock.instant().plus(TTL);
    String payload = sessionId + ":" + userId + ":" + expires.toEpochMilli() + ":" + Tokens.random256().substring(0, 32)
        + ":" + (route == null ? ANY_ONE_REQUEST : route);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String token = PREFIX + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(hmac.sign(DOMAIN, payload));
    return new Issued(token, expires, route, factor);
  }

  /** The token's fields, when it is untampered, unexpired and issued to this session, user and request. */
  private record Claims(String id, long userId, Instant expires) {}

  private Optional<Claims> claims(String token, long sessionId, long userId, String route) {
    if (token == null || token.length() > 900 || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = token.substring(PREFIX.length()).split("\\.", -1);
    if (parts.length != 2) {
      return Optional.empty();
    }
    byte[] payloadBytes;
    byte[] sig;
    try {
      payloadBytes = Base64.getUrlDecoder().decode(parts[0]);
      sig = Base64.getUrlDecoder().decode(parts[1]);
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
    // Only the canonical encoding counts: base64 ignores a final character's spare bits, and a
    // token must have exactly one spelling.
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    if (!b64.encodeToString(payloadBytes).equals(parts[0]) || !b64.encodeToString(sig).equals(parts[1])) {
      return Optional.empty();
    }
    String payload = new String(payloadBytes, StandardCharsets.UTF_8);
    if (!Hmac.equal(hmac.sign(DOMAIN, payload), sig)) {
      return Optional.empty();
    }
    String[] f = payload.split(":", 5);
    if (f.length != 5) {
      return Optional.empty();
    }
    try {
      long sid = Long.parseLong(f[0]);
      long uid = Long.parseLong(f[1]);
      Instant expires = Instant.ofEpochMilli(Long.parseLong(f[2]));
      Instant now = clock.instant();
      boolean ok = sid == sessionId && uid == userId && (f[4].equals(ANY_ONE_REQUEST) || f[4].equals(route))
          && expires.isAfter(now) && !expires.isAfter(now.plus(TTL));
      return ok ? Optional.of(new Claims(f[3], uid, expires)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** True only for an untampered, unexpired token issued to this session, user and request; consumes nothing. */
  public boolean isValid(String token, long sessionId, long userId, String route) {
    return claims(token, sessionId, userId, route).isPresent();
  }

  /** Checks the token for this request and, when valid, consumes it: a second use is {@link Verdict#REPLAYED}. */
  public Verdict admit(String token, long sessionId, long userId, String route) {
    Optional<Claims> c = claims(token, sessionId, userId, route);
    if (c.isEmpty()) {
      return Verdict.MISSING_OR_INVALID;
    }
    Instant now = clock.instant();
    int inserted = jdbi.withHandle(h -> {
      h.createUpdate("DELETE FROM step_up_consumed WHERE expires_at < :now").bind("now", UserStore.ts(now)).execute();
      return h.createUpdate("INSERT INTO step_up_consumed (token_id, user_id, consumed_at, expires_at)"
              + " VALUES (:id, :u, :now, :exp) ON CONFLICT (token_id) DO NOTHING")
          .bind("id", c.get().id()).bind("u", c.get().userId()).bind("now", UserStore.ts(now))
          .bind("exp", UserStore.ts(c.get().expires())).execute();
    });
    return inserted == 1 ? Verdict.ADMITTED : Verdict.REPLAYED;
  }

  /** For routes whose step-up need depends on the request (an ADMIN changing another's password). */
  public void require(String token, long sessionId, long userId, String route) {
    refuseUnless(admit(token, sessionId, userId, route));
  }

  /** @throws Problem 403 {@value #REQUIRED} or {@value #REPLAYED} unless admitted */
  public static void refuseUnless(Verdict v) {
    switch (v) {
      case ADMITTED -> { }
      case REPLAYED -> throw Problem.forbidden(REPLAYED,
          "this step-up token was already used: step up again for this request");
      case MISSING_OR_INVALID -> throw Problem.forbidden(REQUIRED,
          "this operation needs a fresh step-up token for this very request in " + HEADER);
    }
  }
}
