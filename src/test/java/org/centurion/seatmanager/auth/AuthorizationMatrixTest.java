package org.centurion.seatmanager.auth;

import org.centurion.seatmanager.web.auth.SecurityGuard;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.HandlerType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.testing.TestApi;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every registered route × every kind of caller, through real HTTP. The expected answer is
 * derived from the route's {@link EndpointSpec} alone, so routes other features register later
 * are covered the moment they are registered; explicit rows below pin the runbook's controls.
 */
class AuthorizationMatrixTest {
  static final String ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7";
  static final String OTHER_ADDRESS = "0x8617E340B3D01FA5F11F306F4090FD50E238070D";
  static final String STATIC_TOKEN = TestSecrets.hex32();

  /** One user per role (Argon2 is deliberately slow); every case still gets a fresh session. */
  static final Map<String, SecurityFixture.TestUser> USERS = new java.util.concurrent.ConcurrentHashMap<>();
  static TestApi api;
  static TestApi sunsetApi;
  static SecurityFixture fx;
  static SecurityFixture sunsetFx;

  @BeforeAll
  static void start() {
    api = TestApi.start(Map.of("SEAT_MANAGER_STATIC_ADMIN_TOKEN", STATIC_TOKEN));
    fx = new SecurityFixture(api, Clock.systemUTC());
    sunsetApi = TestApi.start(Map.of("SEAT_MANAGER_STATIC_ADMIN_TOKEN", STATIC_TOKEN,
        "SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET", Instant.now().minus(1, ChronoUnit.DAYS).toString()));
    sunsetFx = new SecurityFixture(sunsetApi, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    fx.close();
    sunsetFx.close();
    api.close();
    sunsetApi.close();
  }

  enum Identity {
    ANONYMOUS, VIEWER, OPERATOR, ADMIN, ADMIN_NO_STEP_UP, STATIC_TOKEN, STATIC_TOKEN_PAST_SUNSET,
    STAKER_KEY_RIGHT_ADDRESS, STAKER_KEY_WRONG_ADDRESS, STAKER_KEY_NO_ADDRESS,
    /** An operator API key with every scope, on its own seat's {id} or on another seat's (issue 16). */
    OPERATOR_KEY_OWN_SEAT, OPERATOR_KEY_OTHER_SEAT
  }

  /** The refusal a caller must get, or null when the guard must let it through to the handler. */
  record Refusal(int status, String code) {}

  static Refusal expected(EndpointSpec s, Identity who) {
    if (s.isPublic()) {
      return null;
    }
    return switch (who) {
      case ANONYMOUS -> new Refusal(401, "AUTHENTICATION_REQUIRED");
      case STATIC_TOKEN_PAST_SUNSET -> new Refusal(401, "STATIC_TOKEN_EXPIRED");
      case STATIC_TOKEN -> s.stepUp() || !s.identities().contains(IdentityKind.STATIC_TOKEN)
          ? new Refusal(403, "STATIC_TOKEN_NOT_ALLOWED") : null;
      case VIEWER, OPERATOR, ADMIN, ADMIN_NO_STEP_UP -> {
        Role role = who == Identity.ADMIN_NO_STEP_UP ? Role.ADMIN : Role.valueOf(who.name());
        if (!s.identities().contains(IdentityKind.SESSION)) {
          yield new Refusal(403, "IDENTITY_NOT_ALLOWED");
        }
        if (!role.atLeast(s.minRole())) {
          yield new Refusal(403, "FORBIDDEN");
        }
        yield s.stepUp() && who == Identity.ADMIN_NO_STEP_UP ? new Refusal(403, "STEP_UP_REQUIRED") : null;
      }
      case STAKER_KEY_RIGHT_ADDRESS, STAKER_KEY_WRONG_ADDRESS, STAKER_KEY_NO_ADDRESS -> {
        if (s.isWrite() || !s.identities().contains(IdentityKind.STAKER_KEY)) {
          yield new Refusal(403, "IDENTITY_NOT_ALLOWED");
        }
        yield switch (who) {
          case STAKER_KEY_WRONG_ADDRESS -> new Refusal(403, "STAKER_ADDRESS_MISMATCH");
          case STAKER_KEY_NO_ADDRESS -> new Refusal(403, "STAKER_ADDRESS_REQUIRED");
          default -> null;
        };
      }
      case OPERATOR_KEY_OWN_SEAT, OPERATOR_KEY_OTHER_SEAT -> {
        if (!s.identities().contains(IdentityKind.OPERATOR_KEY)) {
          yield new Refusal(403, "IDENTITY_NOT_ALLOWED");
        }
        yield who == Identity.OPERATOR_KEY_OTHER_SEAT
            ? new Refusal(403, org.centurion.seatmanager.operator.OperatorErrors.KEY_WRONG_SEAT) : null;
      }
    };
  }

  /** A key with every scope on a seat of its own (a fresh seat per case: a seat holds few live keys). */
  private static OperatorKeyService.Issued operatorKey(SecurityFixture f) {
    org.centurion.seatmanager.config.Config config = org.centurion.seatmanager.config.ConfigLoader.load(
        new org.centurion.seatmanager.config.Environment(f.api.env()), "127.0.0.1", 0);
    OperatorKeyService keys = new OperatorKeyService(f.db.jdbi(), new Hmac(config.operator().operatorKeyHash()),
        Clock.systemUTC(), java.time.Duration.ofDays(1));
    String vault = "0x" + TestSecrets.hex32().substring(0, 40);
    return f.db.jdbi().inTransaction(h -> {
      long seat = h.createQuery("INSERT INTO seats (operator_id, beneficiary, pubkey, vault_address, withdrawal_credentials,"
              + " state) VALUES ('op-matrix', :b, :p, :v, :wc, 'CREATED') RETURNING id")
          .bind("b", ADDRESS.toLowerCase(java.util.Locale.ROOT)).bind("p", "0x" + TestSecrets.hex32() + TestSecrets.hex32().substring(0, 32))
          .bind("v", vault).bind("wc", "0x01" + "00".repeat(11) + vault.substring(2)).mapTo(Long.class).one();
      return keys.issue(h, seat, java.util.EnumSet.allOf(OperatorScope.class), "matrix");
    });
  }

  @TestFactory
  Stream<DynamicTest> everyRouteTimesEveryIdentity() {
    List<EndpointSpec> specs = api.app().specs();
    assertThat(specs).extracting(EndpointSpec::path).contains("/v1/audit-logs", "/v1/users", "/v1/auth/login");
    List<DynamicTest> tests = new ArrayList<>();
    for (EndpointSpec s : specs) {
      for (Identity who : Identity.values()) {
        tests.add(DynamicTest.dynamicTest(s.method() + " " + s.path() + " as " + who, () -> check(s, who)));
      }
    }
    return tests.stream();
  }

  private void check(EndpointSpec s, Identity who) {
    HttpResponse<String> r = call(s, who);
    Refusal want = expected(s, who);
    if (want == null) {
      assertThat(r.statusCode()).as("%s %s as %s must pass the guard: %s", s.method(), s.path(), who, r.body())
          .isNotIn(401, 403, 429);
    } else if (s.html()) {
      assertConsoleRefusal(s, who, r, want);
    } else {
      assertThat(r.statusCode()).as("%s %s as %s: %s", s.method(), s.path(), who, r.body()).isEqualTo(want.status());
      assertThat(SecurityFixture.code(r)).isEqualTo(want.code());
    }
  }

  /**
   * Console pages refuse with the same codes, rendered for a browser: no identity is a redirect to
   * the sign-in page, any other refusal is an HTML page naming the code.
   */
  static void assertConsoleRefusal(EndpointSpec s, Identity who, HttpResponse<String> r, Refusal want) {
    if (want.status() == 401) {
      assertThat(r.statusCode()).as("%s %s as %s", s.method(), s.path(), who).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).contains("/console/login");
      return;
    }
    assertThat(r.statusCode()).as("%s %s as %s: %s", s.method(), s.path(), who, r.body()).isEqualTo(want.status());
    assertThat(r.body()).contains("data-error-code=\"" + want.code() + "\"");
  }

  /** Sends the route's request as {@code who}, with fresh credentials so no case affects another. */
  private static HttpResponse<String> call(EndpointSpec s, Identity who) {
    SecurityFixture f = who == Identity.STATIC_TOKEN_PAST_SUNSET ? sunsetFx : fx;
    Map<String, String> headers = new java.util.HashMap<>();
    long selfId = 999_999;
    String address = ADDRESS;
    switch (who) {
      case ANONYMOUS -> { }
      case STATIC_TOKEN, STATIC_TOKEN_PAST_SUNSET -> headers.put("Authorization", "Bearer " + STATIC_TOKEN);
      case VIEWER, OPERATOR, ADMIN, ADMIN_NO_STEP_UP -> {
        Role role = who == Identity.ADMIN_NO_STEP_UP ? Role.ADMIN : Role.valueOf(who.name());
        SecurityFixture.TestUser u = USERS.computeIfAbsent(f.api.baseUrl() + role, k -> f.user(role));
        NewSession session = f.session(u);
        selfId = u.id();
        headers.put("Authorization", "Bearer " + session.token());
        if (who != Identity.ADMIN_NO_STEP_UP && s.stepUp()) {
          headers.put(StepUpService.HEADER, f.stepUpToken(session, u, s.method() + " " + fill(s.path(), selfId, address)));
        }
      }
      case STAKER_KEY_RIGHT_ADDRESS, STAKER_KEY_WRONG_ADDRESS, STAKER_KEY_NO_ADDRESS -> {
        String key = f.stakerKeys.create(ADDRESS, "matrix", Optional.empty(), "test").secret();
        headers.put("Authorization", "Bearer " + key);
        if (who == Identity.STAKER_KEY_RIGHT_ADDRESS) {
          headers.put(SecurityGuard.STAKER_ADDRESS_HEADER, ADDRESS);
        } else if (who == Identity.STAKER_KEY_WRONG_ADDRESS) {
          headers.put(SecurityGuard.STAKER_ADDRESS_HEADER, OTHER_ADDRESS);
        }
      }
      case OPERATOR_KEY_OWN_SEAT, OPERATOR_KEY_OTHER_SEAT -> {
        OperatorKeyService.Issued k = operatorKey(f);
        headers.put("Authorization", "Bearer " + k.secret());
        selfId = who == Identity.OPERATOR_KEY_OWN_SEAT ? k.key().seatId() : k.key().seatId() + 1_000_000;
      }
    }
    String path = fill(s.path(), selfId, address);
    HttpRequest.Builder b = f.api.request(path);
    headers.forEach(b::header);
    HttpRequest.BodyPublisher empty = HttpRequest.BodyPublishers.noBody();
    HandlerType m = s.method();
    // An empty body: an admitted write is refused by its own validation and changes nothing.
    b.method(m.name(), m == HandlerType.GET || m == HandlerType.DELETE ? empty : HttpRequest.BodyPublishers.ofString(""));
    return f.api.send(b.build());
  }

  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

  /** {id} is the caller's own id (so a self-service route stays self-service), {address} the key's. */
  static String fill(String path, long selfId, String address) {
    return PARAM.matcher(path).replaceAll(m -> switch (m.group(1)) {
      case "address" -> address;
      case "pubkey" -> "0x" + "ab".repeat(48);
      default -> Long.toString(selfId);
    });
  }

  @Test
  void everyNonPublicRouteRefusesAnonymousCallers() {
    for (EndpointSpec s : api.app().specs()) {
      if (!s.isPublic()) {
        HttpResponse<String> r = call(s, Identity.ANONYMOUS);
        // a console page sends the browser to sign in instead
        assertThat(r.statusCode()).as(s.path()).isEqualTo(s.html() ? 303 : 401);
      }
    }
  }

  @Test
  void explicitRowsOfTheRunbook() {
    EndpointSpec auditLogs = spec(HandlerType.GET, "/v1/audit-logs");
    assertThat(call(auditLogs, Identity.VIEWER).statusCode()).isEqualTo(403);
    assertThat(call(auditLogs, Identity.OPERATOR).statusCode()).isEqualTo(403);
    assertThat(call(auditLogs, Identity.ADMIN).statusCode()).isEqualTo(200);
    assertThat(call(auditLogs, Identity.STATIC_TOKEN).statusCode()).isEqualTo(200);
    EndpointSpec createUser = spec(HandlerType.POST, "/v1/users");
    HttpResponse<String> r = call(createUser, Identity.STATIC_TOKEN);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(SecurityFixture.code(r)).isEqualTo("STATIC_TOKEN_NOT_ALLOWED");
    r = call(createUser, Identity.ADMIN_NO_STEP_UP);
    assertThat(SecurityFixture.code(r)).isEqualTo("STEP_UP_REQUIRED");
    r = call(spec(HandlerType.GET, "/v1/users"), Identity.STATIC_TOKEN_PAST_SUNSET);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(SecurityFixture.code(r)).isEqualTo("STATIC_TOKEN_EXPIRED");
  }

  /** CSM-03 through the route table: whoever registers these routes must make them ADMIN-only. */
  @Test
  void globalAuditAndDashboardReadsAreAdminOnlyInTheRouteTable() {
    Pattern csm03 = Pattern.compile("/v1/audit-logs.*|/v1/dashboard/(health|alerts)");
    List<EndpointSpec> matched = api.app().specs().stream().filter(s -> csm03.matcher(s.path()).matches()).toList();
    assertThat(matched).hasSizeGreaterThanOrEqualTo(3);
    for (EndpointSpec s : matched) {
      assertThat(s.minRole()).as(s.path()).isEqualTo(Role.ADMIN);
      assertThat(s.identities()).as(s.path()).doesNotContain(IdentityKind.ANONYMOUS, IdentityKind.STAKER_KEY);
    }
  }

  @Test
  void unregisteredRoutesAreDenied() {
    assertThat(api.get("/v1/admin").statusCode()).isEqualTo(404);
    HttpResponse<String> r = api.send(api.request("/v1/users").header("Authorization", "Bearer " + STATIC_TOKEN)
        .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(r.statusCode()).isIn(404, 405);
  }

  private static EndpointSpec spec(HandlerType m, String path) {
    return api.app().specs().stream().filter(s -> s.method() == m && s.path().equals(path)).findFirst().orElseThrow();
  }
}
