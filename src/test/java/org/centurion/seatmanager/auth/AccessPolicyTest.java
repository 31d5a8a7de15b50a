package org.centurion.seatmanager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.centurion.seatmanager.config.Secret;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.problem.ProblemKind;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access decision without HTTP: each edge of {@link AccessPolicy} (sunset instant, role order,
 * CSRF only for cookies, the password-change allowance, staker-address binding, rate limits, step-up
 * replay) against real sessions, keys and step-up tokens in PostgreSQL. The HTTP half and every route
 * are covered by {@code AuthorizationMatrixTest}.
 */
class AccessPolicyTest {
  private static final String IP = "192.0.2.7";
  private static final String STATIC = "static-token-for-access-policy-test-0123456789";
  private static final String ADDRESS = "0x00000000000000000000000000000000000000aa";
  private static final Instant SUNSET = Instant.parse("2030-01-01T00:00:00Z");
  private static final String CHANGE_ROUTE = "POST /v1/users/{id}/password";

  private static Database db;
  private static TestClock clock;
  private static UserService users;
  private static SessionService sessions;
  private static StepUpService stepUp;
  private static StakerKeyService stakerKeys;
  private static AccessPolicy policy;

  @BeforeAll
  static void start() {
    db = Database.open(TestDatabases.freshMigrated(), "access-policy-test", 3);
    clock = new TestClock(SUNSET.minus(Duration.ofDays(1)));
    PasswordHasher hasher = new PasswordHasher();
    Hmac hmac = new Hmac(Secret.ofHex("11".repeat(32)));
    users = new UserService(db.jdbi(), hasher, clock);
    sessions = new SessionService(db.jdbi(), hmac, clock, Duration.ofMinutes(30), Duration.ofHours(12));
    LoginLimits limits = new LoginLimits(1000, 1000, 1000, 3);
    stepUp = new StepUpService(users, hasher, new Hmac(Secret.ofHex("22".repeat(32))), clock, limits);
    stakerKeys = new StakerKeyService(db.jdbi(), HmacKeys.of(new Hmac(Secret.ofHex("33".repeat(32)))), HmacKeys.of(hmac),
        clock);
    policy = new AccessPolicy(Optional.of(Secret.ofBytes(STATIC.getBytes(java.nio.charset.StandardCharsets.UTF_8))), Optional.of(SUNSET), true, sessions, stakerKeys,
        Optional.empty(), stepUp, clock, limits, Set.of(CHANGE_ROUTE));
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  private static RouteAccess read(Role min, IdentityKind... kinds) {
    return new RouteAccess("GET /v1/things", Set.of(kinds), min, false, false, Optional.empty());
  }

  private static RouteAccess write(Role min, boolean stepUp) {
    return new RouteAccess("POST /v1/things", Set.of(IdentityKind.SESSION, IdentityKind.STATIC_TOKEN), min, true, stepUp,
        Optional.empty());
  }

  private static AccessRequest bearer(String token) {
    return new AccessRequest(Optional.of(token), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        false, "POST /v1/things", Map.of(), IP);
  }

  private static AccessDenied refused(RouteAccess route, AccessRequest request) {
    try {
      policy.admit(route, request);
    } catch (AccessDenied e) {
      return e;
    }
    throw new AssertionError("admitted");
  }

  private record Signed(NewSession session, long userId, String password) {}

  private static Signed signedIn(Role role, boolean changePassword) {
    UserService.Created c = users.create("u" + System.nanoTime(), role, Optional.empty());
    String password = c.generatedPassword().orElseThrow();
    if (changePassword) {
      password = "Perm-" + Tokens.random256();
      users.changeOwnPassword(c.user().id(), c.generatedPassword().orElseThrow(), password, -1);
    }
    return new Signed(sessions.create(users.find(c.user().id()).orElseThrow(), IP), c.user().id(), password);
  }

  @Test
  void publicRoutesAdmitAnyoneAndNothingElseDoesWithoutACredential() {
    assertThat(policy.admit(read(Role.VIEWER, IdentityKind.ANONYMOUS), bearer("garbage")).caller().kind())
        .isEqualTo(IdentityKind.ANONYMOUS);
    AccessRequest none = new AccessRequest(Optional.empty(), Optional.of(""), Optional.empty(), Optional.empty(),
        Optional.empty(), false, "GET /v1/things", Map.of(), IP);
    AccessDenied e = refused(read(Role.VIEWER, IdentityKind.SESSION, IdentityKind.STAKER_KEY), none);
    assertThat(e.code()).isEqualTo(ErrorCodes.AUTHENTICATION_REQUIRED);
    assertThat(e.kind()).isEqualTo(ProblemKind.UNAUTHENTICATED);
    assertThat(refused(read(Role.VIEWER, IdentityKind.SESSION), bearer("xyz_unknown")).code())
        .isEqualTo(ErrorCodes.INVALID_CREDENTIALS);
  }

  @Test
  void theStaticTokenReadsUntilTheSunsetInstantAndNeverWritesOrStepsUp() {
    Admission a = policy.admit(read(Role.ADMIN, IdentityKind.STATIC_TOKEN), bearer(STATIC));
    assertThat(a.caller().kind()).isEqualTo(IdentityKind.STATIC_TOKEN);
    assertThat(a.recordUse()).as("every read with the shared token is on record").isTrue();
    assertThat(refused(read(Role.ADMIN, IdentityKind.SESSION), bearer(STATIC)).code())
        .isEqualTo(AccessPolicy.STATIC_TOKEN_NOT_ALLOWED);
    assertThat(refused(write(Role.VIEWER, true), bearer(STATIC)).code()).isEqualTo(AccessPolicy.STATIC_TOKEN_NOT_ALLOWED);
    assertThat(refused(read(Role.ADMIN, IdentityKind.STATIC_TOKEN), bearer(STATIC + "x")).code())
        .isEqualTo(ErrorCodes.INVALID_CREDENTIALS);
    TestClock late = new TestClock(SUNSET);
    AccessPolicy atSunset = new AccessPolicy(Optional.of(Secret.ofBytes(STATIC.getBytes(java.nio.charset.StandardCharsets.UTF_8))), Optional.of(SUNSET), true, sessions,
        stakerKeys, Optional.empty(), stepUp, late, LoginLimits.defaults(), Set.of());
    assertThatThrownBy(() -> atSunset.admit(read(Role.ADMIN, IdentityKind.STATIC_TOKEN), bearer(STATIC)))
        .isInstanceOfSatisfying(AccessDenied.class, e -> assertThat(e.code()).isEqualTo(AccessPolicy.STATIC_TOKEN_EXPIRED));
    late.advance(Duration.ofMillis(-1));
    assertThat(atSunset.admit(read(Role.ADMIN, IdentityKind.STATIC_TOKEN), bearer(STATIC)).caller().kind())
        .isEqualTo(IdentityKind.STATIC_TOKEN);
  }

  @Test
  void aBackgroundRefreshNeverExtendsASessionAndRealUseDoes() {
    RouteAccess route = read(Role.VIEWER, IdentityKind.SESSION);
    String polled = signedIn(Role.VIEWER, true).session().token();
    String used = signedIn(Role.VIEWER, true).session().token();
    clock.advance(Duration.ofMinutes(20));
    AccessRequest refresh = new AccessRequest(Optional.of(polled), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), true, "GET /v1/things", Map.of(), IP);
    assertThat(policy.admit(route, refresh).caller().kind()).isEqualTo(IdentityKind.SESSION);
    assertThat(policy.admit(route, bearer(used)).caller().kind()).isEqualTo(IdentityKind.SESSION);
    clock.advance(Duration.ofMinutes(20));
    assertThat(refused(route, bearer(polled)).code())
        .as("a page that polls unattended does not keep a session alive past its idle timeout")
        .isEqualTo(AccessPolicy.SESSION_INVALID);
    assertThat(policy.admit(route, bearer(used)).caller().kind()).as("a real request 20 min ago did")
        .isEqualTo(IdentityKind.SESSION);
  }

  @Test
  void rolesAreOrderedAndTheLeastRoleIsEnough() {
    Signed operator = signedIn(Role.OPERATOR, true);
    assertThat(policy.admit(read(Role.OPERATOR, IdentityKind.SESSION), bearer(operator.session().token())).caller().role())
        .contains(Role.OPERATOR);
    assertThat(policy.admit(read(Role.VIEWER, IdentityKind.SESSION), bearer(operator.session().token())).sessionToken())
        .contains(operator.session().token());
    AccessDenied e = refused(read(Role.ADMIN, IdentityKind.SESSION), bearer(operator.session().token()));
    assertThat(e.code()).isEqualTo(ErrorCodes.FORBIDDEN);
    assertThat(e.who().name()).as("the refusal names who was refused").isEqualTo(operator.session().user().username());
  }

  @Test
  void csrfIsDemandedOfCookieWritesOnly() {
    Signed admin = signedIn(Role.ADMIN, true);
    NewSession s = admin.session();
    AccessRequest cookieNoCsrf = new AccessRequest(Optional.empty(), Optional.of(s.token()), Optional.empty(),
        Optional.empty(), Optional.empty(), false, "POST /v1/things", Map.of(), IP);
    assertThat(refused(write(Role.ADMIN, false), cookieNoCsrf).code()).isEqualTo(ErrorCodes.CSRF_FAILED);
    AccessRequest cookieWrongCsrf = new AccessRequest(Optional.empty(), Optional.of(s.token()), Optional.of("nope"),
        Optional.empty(), Optional.empty(), false, "POST /v1/things", Map.of(), IP);
    assertThat(refused(write(Role.ADMIN, false), cookieWrongCsrf).code()).isEqualTo(ErrorCodes.CSRF_FAILED);
    AccessRequest cookieCsrf = new AccessRequest(Optional.empty(), Optional.of(s.token()), Optional.of(s.csrfToken()),
        Optional.empty(), Optional.empty(), false, "POST /v1/things", Map.of(), IP);
    assertThat(policy.admit(write(Role.ADMIN, false), cookieCsrf).caller().kind()).isEqualTo(IdentityKind.SESSION);
    assertThat(policy.admit(write(Role.ADMIN, false), bearer(s.token())).caller().kind())
        .as("a bearer token is not sent by browsers on their own: no CSRF").isEqualTo(IdentityKind.SESSION);
    AccessRequest bearerWinsOverCookie = new AccessRequest(Optional.of("sms_forged"), Optional.of(s.token()),
        Optional.of(s.csrfToken()), Optional.empty(), Optional.empty(), false, "POST /v1/things", Map.of(), IP);
    assertThat(refused(write(Role.ADMIN, false), bearerWinsOverCookie).code()).isEqualTo(AccessPolicy.SESSION_INVALID);
  }

  @Test
  void aTemporaryPasswordOpensOnlyThePasswordChangeRoutes() {
    Signed fresh = signedIn(Role.ADMIN, false);
    assertThat(refused(read(Role.VIEWER, IdentityKind.SESSION), bearer(fresh.session().token())).code())
        .isEqualTo(ErrorCodes.PASSWORD_CHANGE_REQUIRED);
    RouteAccess change = new RouteAccess(CHANGE_ROUTE, Set.of(IdentityKind.SESSION), Role.VIEWER, true, false,
        Optional.empty());
    assertThat(policy.admit(change, bearer(fresh.session().token())).caller().kind()).isEqualTo(IdentityKind.SESSION);
  }

  @Test
  void stepUpIsBoundToTheConcreteRouteAndSpentOnce() {
    Signed admin = signedIn(Role.ADMIN, true);
    NewSession s = admin.session();
    String token = stepUp.issue(s.sessionId(), admin.userId(), admin.password(), null, "POST /v1/things").stepUpToken();
    AccessRequest otherRoute = new AccessRequest(Optional.of(s.token()), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.of(token), false, "POST /v1/other", Map.of(), IP);
    assertThat(refused(write(Role.ADMIN, true), otherRoute).code()).isEqualTo(StepUpService.REQUIRED);
    AccessRequest withToken = new AccessRequest(Optional.of(s.token()), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.of(token), false, "POST /v1/things", Map.of(), IP);
    assertThat(policy.admit(write(Role.ADMIN, true), withToken).caller().kind()).isEqualTo(IdentityKind.SESSION);
    assertThat(refused(write(Role.ADMIN, true), withToken).code()).isEqualTo(StepUpService.REPLAYED);
    assertThat(refused(write(Role.ADMIN, true), bearer(s.token())).code()).isEqualTo(StepUpService.REQUIRED);
  }

  @Test
  void aStakerKeyReadsOnlyItsOwnAddressWithinItsRate() {
    String secret = stakerKeys.create(ADDRESS, "test", Optional.empty(), "test").secret();
    RouteAccess staker = read(Role.VIEWER, IdentityKind.STAKER_KEY);
    AccessRequest noHeader = bearer(secret);
    assertThat(refused(staker, noHeader).code()).isEqualTo(ErrorCodes.STAKER_ADDRESS_REQUIRED);
    AccessRequest own = new AccessRequest(Optional.of(secret), Optional.empty(), Optional.empty(),
        Optional.of(" " + ADDRESS.toUpperCase(java.util.Locale.ROOT).replace("0X", "0x") + " "), Optional.empty(), false,
        "GET /v1/things", Map.of("address", ADDRESS), IP);
    assertThat(policy.admit(staker, own).caller().stakerAddress()).isPresent();
    AccessRequest otherPath = new AccessRequest(Optional.of(secret), Optional.empty(), Optional.empty(),
        Optional.of(ADDRESS), Optional.empty(), false, "GET /v1/things",
        Map.of("address", "0x00000000000000000000000000000000000000bb"), IP);
    assertThat(policy.admit(staker, own).caller().kind()).isEqualTo(IdentityKind.STAKER_KEY);
    // the limit is 3 reads a minute in this policy (refusals count): the fourth is refused before any address check
    AccessDenied fourth = refused(staker, otherPath);
    assertThat(fourth.kind()).isEqualTo(ProblemKind.RATE_LIMITED);
    assertThat(fourth.code()).isEqualTo(ErrorCodes.RATE_LIMITED);
    clock.advance(Duration.ofMinutes(1));
    assertThat(refused(staker, otherPath).code()).isEqualTo(ErrorCodes.STAKER_ADDRESS_MISMATCH);
    assertThat(refused(write(Role.VIEWER, false), own).code()).isEqualTo(ErrorCodes.IDENTITY_NOT_ALLOWED);
  }
}
