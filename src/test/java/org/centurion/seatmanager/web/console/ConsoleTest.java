package org.centurion.seatmanager.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.centurion.seatmanager.alerts.Alert;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertQuery;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.AlertSignal;
import org.centurion.seatmanager.alerts.Severity;
import org.centurion.seatmanager.audit.AuditEntry;
import org.centurion.seatmanager.audit.AuditEvent;
import org.centurion.seatmanager.audit.AuditResult;
import org.centurion.seatmanager.auth.NewSession;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.auth.User;
import org.centurion.seatmanager.auth.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's pages over real HTTP and a real database: access, CSRF, audit, escaping, htmx fragments. */
class ConsoleTest {
  static final String HOSTILE = "<script>alert(1)</script>";
  static ConsoleFixture c;
  static SecurityFixture.TestUser admin;
  static SecurityFixture.TestUser viewer;

  @BeforeAll
  static void start() {
    c = new ConsoleFixture();
    admin = c.fx.user(Role.ADMIN);
    viewer = c.fx.user(Role.VIEWER);
  }

  @AfterAll
  static void stop() {
    c.close();
  }

  @Test
  void signInPageIsPublicHtmlUnderTheConsolesStrictCsp() {
    HttpResponse<String> r = c.api.get("/console/login");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    // no inline script or style anywhere: every script has a src, no style attributes or elements
    assertThat(r.body()).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain(" style=", "<style");
    assertThat(r.body()).contains("name=\"htmx-config\"", "/console/assets/htmx.min.js", "action=\"/console/login\"");
    // the API keeps its own policy
    assertThat(c.api.get("/health").headers().firstValue("Content-Security-Policy").orElseThrow())
        .isNotEqualTo(csp);
  }

  @Test
  void assetsAreServedFromTheJarAndNothingElseIs() {
    HttpResponse<String> htmx = c.api.get("/console/assets/htmx.min.js");
    assertThat(htmx.statusCode()).isEqualTo(200);
    assertThat(htmx.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
    assertThat(htmx.body()).contains("htmx");
    assertThat(c.api.get("/console/assets/console.css").statusCode()).isEqualTo(200);
    assertThat(c.api.get("/console/assets/..%2F..%2Fapplication.properties").statusCode()).isEqualTo(404);
    assertThat(c.api.get("/console/assets/htmx.js").statusCode()).isEqualTo(404);
  }

  @Test
  void anUnknownConsoleAddressIsAnHtmlPageAndAnUnknownApiRouteStaysJson() {
    HttpResponse<String> page = c.api.get("/console/no-such-page");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    assertThat(page.body()).contains("<html").contains("NOT_FOUND").contains("there is no such page")
        .doesNotContain("no-such-page<");
    HttpResponse<String> api = c.api.get("/v1/no-such-route");
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    assertThat(api.body()).contains("\"code\":\"NOT_FOUND\"");
  }

  @Test
  void signInSetsTheSessionCookieAndIsAudited() {
    HttpResponse<String> r = c.login(viewer.username(), viewer.password());
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).contains("/console");
    String setCookie = r.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith("__Host-sm_session="))
        .findFirst().orElseThrow();
    assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/");
    AuditEntry a = c.auditOf(r);
    assertThat(a.action()).isEqualTo("auth.login");
    assertThat(a.result()).isEqualTo("SUCCESS");
    assertThat(a.actor()).isEqualTo(viewer.username());
  }

  @Test
  void failedSignInsAllGetTheSameGenericAnswerAndTheAuditKnowsWhy() {
    HttpResponse<String> wrong = c.login(viewer.username(), "not-the-password-at-all");
    HttpResponse<String> unknown = c.login("nobody-" + System.nanoTime(), "not-the-password-at-all");
    for (HttpResponse<String> r : java.util.List.of(wrong, unknown)) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body()).contains("Invalid username or password.");
      assertThat(ConsoleFixture.sessionCookie(r)).isEmpty();
    }
    assertThat(c.auditOf(wrong).reason()).isEqualTo("WRONG_PASSWORD");
    assertThat(c.auditOf(wrong).result()).isEqualTo("DENIED");
    assertThat(c.auditOf(unknown).reason()).isEqualTo("UNKNOWN_USER");
  }

  @Test
  void crossSiteSignInIsRefused() {
    HttpResponse<String> r = c.api.send(c.api.request("/console/login")
        .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-Fetch-Site", "cross-site")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            ConsoleFixture.encode(Map.of("username", viewer.username(), "password", viewer.password())))).build());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("data-error-code=\"CSRF_FAILED\"");
    assertThat(ConsoleFixture.sessionCookie(r)).isEmpty();
    assertThat(c.auditOf(r).result()).isEqualTo("DENIED");
  }

  @Test
  void pagesWithoutASessionSendTheBrowserToSignIn() {
    for (String page : new String[] {"/console", "/console/seats", "/console/dashboard", "/console/users",
        "/console/audit", "/console/password"}) {
      HttpResponse<String> r = c.api.get(page);
      assertThat(r.statusCode()).as(page).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).as(page).contains("/console/login");
    }
    HttpResponse<String> htmx = c.api.send(c.api.request("/console/seats").header("HX-Request", "true").GET().build());
    assertThat(htmx.statusCode()).isEqualTo(401);
    assertThat(htmx.headers().firstValue("HX-Redirect")).contains("/console/login");
  }

  @Test
  void theOperationsPagesListAndExplainWhatTheTreasuryWasAskedToDo() {
    long failed = c.fx.db.jdbi().withHandle(h -> h.createQuery("INSERT INTO operations (kind, status, target, value_wei,"
            + " calldata, requested_by, last_error) VALUES ('DEPOSIT', 'FAILED', :t, 0, '0x', 'alice', :err) RETURNING id")
        .bind("t", "0x" + "55".repeat(20)).bind("err", "SIMULATION_REVERTED: <script>alert(1)</script>")
        .mapTo(Long.class).one());
    NewSession s = c.fx.session(viewer);
    HttpResponse<String> list = c.get("/console/operations?status=FAILED", s);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("href=\"/console/operations/" + failed + "\"").contains("SIMULATION_REVERTED")
        .as("stored text is escaped").doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
    assertThat(c.get("/console/operations?status=CONFIRMED", s).body()).contains("id=\"no-operations\"");
    assertThat(c.get("/console/seats", s).body()).contains("href=\"/console/operations\"");
    HttpResponse<String> detail = c.get("/console/operations/" + failed, s);
    assertThat(detail.statusCode()).isEqualTo(200);
    assertThat(detail.body()).contains("id=\"operation-status\">FAILED<").contains("id=\"operation-actions\"")
        .contains("is FAILED already").contains("id=\"no-intents\"");
    HttpResponse<String> bad = c.get("/console/operations?status=NOPE", s);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("data-error-code=\"INVALID_QUERY\"");
    for (String odd : new String[] {"/console/operations/abc", "/console/operations/0", "/console/operations/-1",
        "/console/operations/1%20OR%201=1", "/console/operations/99999999999999999999"}) {
      assertThat(c.get(odd, s).statusCode()).as(odd).isEqualTo(404);
    }
    assertThat(c.get("/console/operations?evil=1", s).statusCode()).as("unknown parameter").isEqualTo(400);
    assertThat(c.get("/console/operations?status=FAILED&status=QUEUED", s).statusCode()).as("repeated").isEqualTo(400);
    HttpResponse<String> missing = c.get("/console/operations/999999", s);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("data-error-code=\"NOT_FOUND\"");
    assertThat(c.api.get("/console/operations").statusCode()).as("no session: to sign-in").isEqualTo(303);
  }

  private long operation(String status) {
    return c.fx.db.jdbi().withHandle(h -> h.createQuery("INSERT INTO operations (kind, status, target, value_wei,"
            + " calldata, requested_by) VALUES ('DEPOSIT', :s, :t, 0, '0x', 'alice') RETURNING id")
        .bind("s", status).bind("t", "0x" + "56".repeat(20)).mapTo(Long.class).one());
  }

  private String operationStatus(long id) {
    return c.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT status FROM operations WHERE id = :id").bind("id", id)
        .mapTo(String.class).one());
  }

  @Test
  void anAdminCancelsAQueuedOperationAndRetriesAFailedOneFromItsPageWithTheirPassword() {
    long queued = operation("QUEUED");
    assertThat(c.get("/console/operations/" + queued, c.fx.session(viewer)).body()).as("a viewer gets no buttons")
        .doesNotContain("id=\"cancel-form\"").doesNotContain("id=\"retry-form\"");
    NewSession s = c.fx.session(admin);
    String page = c.get("/console/operations/" + queued, s).body();
    assertThat(page).contains("id=\"cancel-form\"").doesNotContain("id=\"retry-form\"");
    String cancel = "/console/operations/" + queued + "/cancel";
    HttpResponse<String> noReason = c.post(cancel, s, Map.of("confirmPassword", admin.password()), true);
    assertThat(noReason.body()).contains("data-error-code=\"INVALID_FORM\"");
    HttpResponse<String> wrong = c.post(cancel, s, Map.of("reason", "sent by mistake", "confirmPassword", admin.password() + "x"),
        true);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body()).contains("data-error-code=\"STEP_UP_FAILED\"");
    assertThat(c.post(cancel, c.fx.session(viewer), Map.of("reason", "x", "confirmPassword", viewer.password()), true)
        .statusCode()).isEqualTo(403);
    assertThat(operationStatus(queued)).isEqualTo("QUEUED");
    HttpResponse<String> done = c.post(cancel, s, Map.of("reason", "sent by mistake", "confirmPassword", admin.password()), true);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(done.body()).contains("CANCELLED");
    assertThat(operationStatus(queued)).isEqualTo("CANCELLED");
    assertThat(c.auditOf(done).action()).isEqualTo("operation.cancel");
    assertThat(c.post(cancel, s, Map.of("reason", "again", "confirmPassword", admin.password()), true).body())
        .contains("data-error-code=\"OPERATION_NOT_CANCELLABLE\"");

    long failed = operation("FAILED");
    assertThat(c.get("/console/operations/" + failed, s).body()).contains("id=\"retry-form\"").doesNotContain("id=\"cancel-form\"");
    HttpResponse<String> retry = c.post("/console/operations/" + failed + "/retry", s, Map.of("confirmPassword", admin.password()),
        true);
    // the console's API runs without a signer: the retry is refused as the API route refuses it, nothing is queued
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(503);
    assertThat(retry.body()).contains("data-error-code=\"WRITES_DISABLED\"");
    long retries = c.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM operations WHERE retry_of = :id")
        .bind("id", failed).mapTo(Long.class).one());
    assertThat(retries).isZero();
    assertThat(c.auditOf(retry).action()).isEqualTo("operation.retry");
  }

  @Test
  void viewersSeeSeatsButNotTheAdminPages() {
    NewSession s = c.fx.session(viewer);
    assertThat(c.get("/console/seats", s).statusCode()).isEqualTo(200);
    HttpResponse<String> home = c.get("/console", s);
    assertThat(home.headers().firstValue("Location")).contains("/console/seats");
    for (String page : new String[] {"/console/audit", "/console/users", "/console/dashboard"}) {
      HttpResponse<String> r = c.get(page, s);
      assertThat(r.statusCode()).as(page).isEqualTo(403);
      assertThat(r.body()).as(page).contains("data-error-code=\"FORBIDDEN\"").doesNotContain("<table");
      assertThat(c.auditOf(r).result()).isEqualTo("DENIED");
    }
    assertThat(c.get("/console/seats", s).body()).doesNotContain("href=\"/console/audit\"");
  }

  @Test
  void consoleWritesNeedTheCsrfHeaderAndRefusalsAreAudited() {
    SecurityFixture.TestUser u = c.fx.user(Role.VIEWER);
    NewSession s = c.fx.session(u);
    Map<String, String> form = Map.of("currentPassword", u.password(), "newPassword", "A-new-password-0123456789",
        "confirmNewPassword", "A-new-password-0123456789");
    HttpResponse<String> r = c.post("/console/password", s, form, false);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("data-error-code=\"CSRF_FAILED\"");
    AuditEntry a = c.auditOf(r);
    assertThat(a.result()).isEqualTo("DENIED");
    assertThat(a.reason()).isEqualTo("CSRF_FAILED");
    // nothing changed: the old password still proves the user
    assertThat(c.login(u.username(), u.password()).statusCode()).isEqualTo(303);
    HttpResponse<String> ok = c.post("/console/password", s, form, true);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("Password changed");
    AuditEntry changed = c.auditOf(ok);
    assertThat(changed.action()).isEqualTo("user.password_change");
    assertThat(changed.result()).isEqualTo("SUCCESS");
    assertThat(c.login(u.username(), "A-new-password-0123456789").statusCode()).isEqualTo(303);
  }

  @Test
  void aTemporaryPasswordLeadsToThePasswordPageUntilChanged() {
    UserService.Created created = c.fx.users.create(SecurityFixture.uniqueName("temp"), Role.VIEWER, Optional.empty());
    String temporary = created.generatedPassword().orElseThrow();
    HttpResponse<String> login = c.login(created.user().username(), temporary);
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location")).contains("/console/password");
    NewSession s = c.fx.sessions.resolve(ConsoleFixture.sessionCookie(login).orElseThrow())
        .map(a -> new NewSession(a.sessionId(), a.user(), ConsoleFixture.sessionCookie(login).orElseThrow(),
            c.fx.sessions.csrfToken(ConsoleFixture.sessionCookie(login).orElseThrow()), a.expiresAt()))
        .orElseThrow();
    HttpResponse<String> seats = c.get("/console/seats", s);
    assertThat(seats.statusCode()).isEqualTo(303);
    assertThat(seats.headers().firstValue("Location")).contains("/console/password");
    HttpResponse<String> page = c.get("/console/password", s);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"temporary-notice\"");
    HttpResponse<String> weak = c.post("/console/password", s, Map.of("currentPassword", temporary,
        "newPassword", "short", "confirmNewPassword", "short"), true);
    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(weak.body()).contains("data-error-code=\"PASSWORD_POLICY\"");
    HttpResponse<String> changed = c.post("/console/password", s, Map.of("currentPassword", temporary,
        "newPassword", "Chosen-by-me-0123456789", "confirmNewPassword", "Chosen-by-me-0123456789"), true);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.body()).contains("Password changed")
        .as("the page's temporary-password warning goes with the change").contains("<p id=\"temporary-notice\" hx-swap-oob=\"delete\">");
    assertThat(c.get("/console/password", s).body()).doesNotContain("id=\"temporary-notice\"");
    assertThat(c.get("/console/seats", s).statusCode()).isEqualTo(200);
  }

  @Test
  void adminCreatesAUserAndSeesTheTemporaryPasswordOnceAfterReauthenticating() {
    NewSession s = c.fx.session(admin);
    String name = SecurityFixture.uniqueName("new");
    HttpResponse<String> noReauth = c.post("/console/users", s, Map.of("username", name, "role", "OPERATOR",
        "confirmPassword", "wrong-password-for-step-up"), true);
    assertThat(noReauth.statusCode()).isEqualTo(403);
    assertThat(noReauth.body()).contains("data-error-code=\"STEP_UP_FAILED\"");
    assertThat(c.fx.users.findByUsername(name)).isEmpty();
    assertThat(c.auditOf(noReauth).result()).isEqualTo("DENIED");

    HttpResponse<String> r = c.post("/console/users", s, Map.of("username", name, "role", "OPERATOR",
        "confirmPassword", admin.password()), true);
    assertThat(r.statusCode()).isEqualTo(201);
    Matcher m = Pattern.compile("id=\"temporary-password\">([^<]+)<").matcher(r.body());
    assertThat(m.find()).isTrue();
    User u = c.fx.users.findByUsername(name).orElseThrow();
    assertThat(u.role()).isEqualTo(Role.OPERATOR);
    assertThat(u.passwordChangeRequired()).isTrue();
    HttpResponse<String> firstLogin = c.login(name, m.group(1));
    assertThat(firstLogin.headers().firstValue("Location")).contains("/console/password");
    AuditEntry a = c.auditOf(r);
    assertThat(a.action()).isEqualTo("user.create");
    assertThat(a.target()).isEqualTo("user:" + u.id());
    assertThat(a.result()).isEqualTo("SUCCESS");
    // the list shows the user, never the password
    HttpResponse<String> list = c.get("/console/users", s);
    assertThat(list.body()).contains(name).doesNotContain(m.group(1));
  }

  @Test
  void anAdminChangesAUsersRoleWhichEndsTheirSessionsButNotTheirOwnRole() {
    NewSession s = c.fx.session(admin);
    SecurityFixture.TestUser target = c.fx.user(Role.VIEWER);
    NewSession targets = c.fx.session(target);
    assertThat(c.get("/console/users", s).body()).contains("id=\"role-form-" + target.id() + "\"");
    String path = "/console/users/" + target.id() + "/role";
    HttpResponse<String> wrong = c.post(path, s, Map.of("role", "OPERATOR", "confirmPassword", admin.password() + "x"), true);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(c.post(path, s, Map.of("role", "ROOT", "confirmPassword", admin.password()), true).body())
        .contains("data-error-code=\"INVALID_FORM\"");
    assertThat(c.post(path, c.fx.session(c.fx.user(Role.OPERATOR)), Map.of("role", "ADMIN", "confirmPassword", "x"), true)
        .statusCode()).as("not an ADMIN").isEqualTo(403);
    assertThat(c.fx.users.find(target.id()).orElseThrow().role()).isEqualTo(Role.VIEWER);

    HttpResponse<String> changed = c.post(path, s, Map.of("role", "OPERATOR", "confirmPassword", admin.password()), true);
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(changed.body()).contains("is now OPERATOR");
    assertThat(c.fx.users.find(target.id()).orElseThrow().role()).isEqualTo(Role.OPERATOR);
    assertThat(c.get("/console/seats", targets).statusCode()).as("their session ended").isEqualTo(303);
    AuditEntry a = c.auditOf(changed);
    assertThat(a.action()).isEqualTo("user.update");
    assertThat(a.target()).isEqualTo("user:" + target.id());
    assertThat(a.result()).isEqualTo("SUCCESS");
    assertThat(c.post("/console/users/" + admin.id() + "/role", s, Map.of("role", "VIEWER", "confirmPassword",
        admin.password()), true).body()).as("not your own").contains("data-error-code=\"INVALID_FORM\"");
    assertThat(c.fx.users.find(admin.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
  }

  @Test
  void anAdminCreatesAStakerKeyShownOnceAndRevokesIt() {
    NewSession s = c.fx.session(admin);
    String address = "0x52908400098527886E0F7030069857D2E4169EE7";
    assertThat(c.get("/console/staker-keys", c.fx.session(viewer)).statusCode()).isEqualTo(403);
    HttpResponse<String> wrong = c.post("/console/staker-keys", s, Map.of("stakerAddress", address,
        "confirmPassword", admin.password() + "x"), true);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(c.post("/console/staker-keys", s, Map.of("stakerAddress", "0x1234", "confirmPassword", admin.password()), true)
        .body()).contains("data-error-code=\"INVALID_ADDRESS\"");
    assertThat(c.post("/console/staker-keys", s, Map.of("stakerAddress", address, "expiresOn", "2001-01-01",
        "confirmPassword", admin.password()), true).body()).contains("data-error-code=\"INVALID_EXPIRY\"");

    HttpResponse<String> created = c.post("/console/staker-keys", s, Map.of("stakerAddress", address, "label", "ops <b>",
        "expiresOn", "2099-12-31", "confirmPassword", admin.password()), true);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Matcher m = Pattern.compile("id=\"staker-key-secret\">([^<]+)<").matcher(created.body());
    assertThat(m.find()).isTrue();
    String secret = m.group(1);
    AuditEntry a = c.auditOf(created);
    assertThat(a.action()).isEqualTo("staker_key.create");
    long id = Long.parseLong(a.target().replaceAll("staker-key:(\\d+) .*", "$1"));
    String list = c.get("/console/staker-keys", s).body();
    assertThat(list).contains("id=\"staker-key-" + id + "\"").contains("ops &lt;b&gt;").doesNotContain(secret)
        .contains("id=\"revoke-staker-key-" + id + "\"");

    HttpResponse<String> revoked = c.post("/console/staker-keys/" + id + "/revoke", s, Map.of(), true);
    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(c.auditOf(revoked).action()).isEqualTo("staker_key.revoke");
    boolean isRevoked = c.fx.db.jdbi().withHandle(h -> h.createQuery("SELECT revoked_at IS NOT NULL FROM staker_keys WHERE id = :id")
        .bind("id", id).mapTo(Boolean.class).one());
    assertThat(isRevoked).isTrue();
    assertThat(c.post("/console/staker-keys/" + id + "/revoke", s, Map.of(), true).statusCode()).isEqualTo(404);
    assertThat(c.get("/console/staker-keys", s).body()).doesNotContain("id=\"revoke-staker-key-" + id + "\"");
  }

  @Test
  void anyoneEnrolsAnAuthenticatorAppFromThePasswordPageAndGetsRecoveryCodesOnce() {
    SecurityFixture.TestUser user = c.fx.user(Role.VIEWER);
    NewSession s = c.fx.session(user);
    assertThat(c.get("/console/password", s).body()).contains("id=\"totp-form\"");
    assertThat(c.post("/console/totp/confirm", s, Map.of("code", "123456"), true).body())
        .as("nothing to confirm yet").contains("data-error-code=\"TOTP_NOT_PENDING\"");
    assertThat(c.post("/console/totp", s, Map.of(), true).body()).contains("data-error-code=\"INVALID_FORM\"");
    HttpResponse<String> wrong = c.post("/console/totp", s, Map.of("confirmPassword", user.password() + "x"), true);
    assertThat(wrong.statusCode()).isEqualTo(403);

    HttpResponse<String> begun = c.post("/console/totp", s, Map.of("confirmPassword", user.password()), true);
    assertThat(begun.statusCode()).as(begun.body()).isEqualTo(200);
    Matcher m = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<").matcher(begun.body());
    assertThat(m.find()).isTrue();
    assertThat(begun.body()).contains("otpauth://totp/");
    assertThat(c.auditOf(begun).action()).isEqualTo("auth.totp_enrol");
    assertThat(c.fx.users.find(user.id()).orElseThrow().totpEnabled()).as("not before a code is confirmed").isFalse();
    assertThat(c.post("/console/totp/confirm", s, Map.of("code", "000000"), true).body())
        .contains("data-error-code=\"TOTP_INVALID\"");

    byte[] secret = SecurityFixture.base32Decode(m.group(1));
    String code = org.centurion.seatmanager.auth.Totp.code(secret,
        org.centurion.seatmanager.auth.Totp.counter(java.time.Instant.now()), 6);
    HttpResponse<String> confirmed = c.post("/console/totp/confirm", s, Map.of("code", code), true);
    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
    assertThat(confirmed.body()).contains("id=\"totp-recovery-codes\"");
    assertThat(Pattern.compile("<li><code>").matcher(confirmed.body()).results().count()).isGreaterThanOrEqualTo(8);
    assertThat(c.fx.users.find(user.id()).orElseThrow().totpEnabled()).isTrue();
    assertThat(c.auditOf(confirmed).action()).isEqualTo("auth.totp_confirm");
  }

  @Test
  void adminDisablesAndResetsAUser() {
    NewSession s = c.fx.session(admin);
    SecurityFixture.TestUser target = c.fx.user(Role.VIEWER);
    NewSession targets = c.fx.session(target);
    HttpResponse<String> disabled = c.post("/console/users/" + target.id() + "/disabled", s,
        Map.of("disabled", "true", "confirmPassword", admin.password()), true);
    assertThat(disabled.statusCode()).isEqualTo(200);
    assertThat(disabled.headers().firstValue("HX-Trigger")).contains("users-changed");
    assertThat(c.fx.users.find(target.id()).orElseThrow().disabled()).isTrue();
    assertThat(c.get("/console/seats", targets).statusCode()).isEqualTo(303);
    assertThat(c.auditOf(disabled).action()).isEqualTo("user.update");
    c.post("/console/users/" + target.id() + "/disabled", s, Map.of("disabled", "false", "confirmPassword",
        admin.password()), true);
    assertThat(c.fx.users.find(target.id()).orElseThrow().disabled()).isFalse();

    HttpResponse<String> reset = c.post("/console/users/" + target.id() + "/password-reset", s,
        Map.of("confirmPassword", admin.password()), true);
    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(reset.body()).contains("id=\"temporary-password\"");
    assertThat(c.fx.users.find(target.id()).orElseThrow().passwordChangeRequired()).isTrue();
    assertThat(c.login(target.username(), target.password()).statusCode()).isEqualTo(401);
    AuditEntry a = c.auditOf(reset);
    assertThat(a.action()).isEqualTo("user.password_reset");
    assertThat(a.target()).isEqualTo("user:" + target.id());

    HttpResponse<String> own = c.post("/console/users/" + admin.id() + "/password-reset", s,
        Map.of("confirmPassword", admin.password()), true);
    assertThat(own.statusCode()).isEqualTo(400);
    assertThat(own.body()).contains("data-error-code=\"OWN_PASSWORD\"");
  }

  @Test
  void dashboardShowsHealthAndOpenAlertsAndRefreshesAsAFragment() {
    new AlertService(c.fx.db.jdbi(), java.time.Clock.systemUTC()).raise("test", new AlertSignal(
        AlertKind.values()[0], Severity.CRITICAL, Optional.empty(), "console-test-alert", HOSTILE));
    NewSession s = c.fx.session(admin);
    HttpResponse<String> r = c.get("/console/dashboard", s);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("<html", "Executor queue", "Signer", "Open alerts", "hx-trigger=\"every 15s,",
        "&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(HOSTILE);
    HttpResponse<String> panel = c.getHtmx("/console/dashboard", s);
    assertThat(panel.statusCode()).isEqualTo(200);
    assertThat(panel.body()).startsWith("<section id=\"health\"").doesNotContain("<html");
  }

  @Test
  void theDashboardHeadlineSaysAttentionNeededWhileACriticalAlertIsOpenAndListsWhatWaits() {
    c.insertSeat(7100, "DATA_VERIFIED", null);
    c.insertSeat(7101, "EXCEPTION", "test: receipt without its event");
    c.insertSeat(7102, "EXITED", null);
    new AlertService(c.fx.db.jdbi(), java.time.Clock.systemUTC()).raise("test", new AlertSignal(AlertKind.SLASHING,
        Severity.CRITICAL, Optional.empty(), "console-headline-" + System.nanoTime(), "validator slashed"));
    String page = c.get("/console/dashboard", c.fx.session(admin)).body();
    assertThat(page).contains("id=\"headline\"").contains("Attention needed").containsPattern("\\d+ CRITICAL alert");
    assertThat(page).contains("href=\"/console/seats?state=DATA_VERIFIED\"").contains("seat(s) to approve")
        .contains("href=\"/console/seats?state=EXCEPTION\"").contains("seat(s) in EXCEPTION")
        .contains("href=\"/console/seats?state=EXITED\"").contains("seat(s) to settle");
    assertThat(c.getHtmx("/console/dashboard", c.fx.session(admin)).body()).as("the refreshed panel keeps it")
        .contains("Attention needed");
    // the seats by state as a server-rendered SVG funnel: every state, its count on hover and beside its bar
    assertThat(page).contains("<svg class=\"funnel\" id=\"seat-funnel\"").containsPattern("<title>EXCEPTION: [1-9]\\d*</title>")
        .contains("<title>REVOKED: ").contains("<title>CREATED: ");
    String svg = page.substring(page.indexOf("<svg class=\"funnel\""), page.indexOf("</svg>") + 6);
    assertThat(svg).as("no script, no inline style: the CSP stays as it is").doesNotContain("<script", "style=");
  }

  @Test
  void adminsAcknowledgeAlertsFromTheDashboardAsThroughTheApi() {
    AlertService alerts = new AlertService(c.fx.db.jdbi(), java.time.Clock.systemUTC());
    long event = alerts.raise("test", new AlertSignal(AlertKind.REORG, Severity.WARNING, Optional.empty(),
        "console-ack-event-" + System.nanoTime(), "block 42 reorged")).id();
    long condition = alerts.raise("test", new AlertSignal(AlertKind.WATCHER_STALLED, Severity.WARNING,
        Optional.empty(), "console-ack-condition-" + System.nanoTime(), "el-deposits stalled")).id();
    NewSession s = c.fx.session(admin);
    assertThat(c.get("/console/dashboard", s).body()).contains("id=\"ack-" + event + "\"", "id=\"ack-" + condition + "\"");

    HttpResponse<String> noCsrf = c.post("/console/alerts/" + event + "/acknowledge", s, Map.of(), false);
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    assertThat(c.auditOf(noCsrf).reason()).isEqualTo("CSRF_FAILED");
    NewSession viewer = c.fx.session(c.fx.user(Role.VIEWER));
    assertThat(c.post("/console/alerts/" + event + "/acknowledge", viewer, Map.of(), true).statusCode()).isEqualTo(403);
    HttpResponse<String> badNote = c.post("/console/alerts/" + event + "/acknowledge", s, Map.of("note", "a\u0007b"), true);
    assertThat(badNote.statusCode()).isEqualTo(400);
    assertThat(badNote.body()).contains("data-error-code=\"CONTROL_CHARACTER\"");
    assertThat(alerts.list(AlertQuery.openAlerts(500))).extracting(Alert::id).contains(event);

    HttpResponse<String> ack = c.post("/console/alerts/" + event + "/acknowledge", s, Map.of("note", "checked"), true);
    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(ack.body()).contains("acknowledged and resolved");
    assertThat(ack.headers().firstValue("HX-Trigger")).contains("alerts-changed");
    AuditEntry a = c.auditOf(ack);
    assertThat(a.action()).isEqualTo("alert.acknowledge");
    assertThat(a.target()).isEqualTo("alert:" + event);
    assertThat(a.result()).isEqualTo("SUCCESS");
    HttpResponse<String> again = c.post("/console/alerts/" + event + "/acknowledge", s, Map.of(), true);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("data-error-code=\"ALERT_ALREADY_RESOLVED\"");

    // A condition alert stays open (it clears itself) and shows who looked at it, note escaped.
    HttpResponse<String> seen = c.post("/console/alerts/" + condition + "/acknowledge", s, Map.of("note", HOSTILE), true);
    assertThat(seen.body()).contains("resolves itself when its condition clears");
    HttpResponse<String> panel = c.getHtmx("/console/dashboard", s);
    assertThat(panel.body()).contains("by " + admin.username()).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain(HOSTILE).doesNotContain("id=\"ack-" + condition + "\"").doesNotContain("id=\"ack-" + event + "\"");
    assertThat(c.post("/console/alerts/999999999/acknowledge", s, Map.of(), true).statusCode()).isEqualTo(404);
  }

  @Test
  void seatsArePagedAndFilteredAndTheDetailShowsEvidence() {
    NewSession s = c.fx.session(viewer);
    long first = 0;
    for (int i = 0; i < 30; i++) {
      long id = c.insertSeat(1000 + i, i % 2 == 0 ? "CREATED" : "ACTIVE", null);
      first = first == 0 ? id : first;
    }
    HttpResponse<String> page1 = c.get("/console/seats", s);
    assertThat(page1.statusCode()).isEqualTo(200);
    assertThat(rows(page1.body())).isEqualTo(25);
    Matcher next = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"").matcher(page1.body());
    assertThat(next.find()).isTrue();
    HttpResponse<String> page2 = c.getHtmx(next.group(1).replace("&amp;", "&"), s);
    assertThat(page2.body()).startsWith("<div id=\"seats\" class=\"scroll\">").doesNotContain("<html");
    assertThat(rows(page2.body())).isGreaterThanOrEqualTo(5);
    HttpResponse<String> active = c.get("/console/seats?state=ACTIVE&limit=500", s);
    assertThat(active.body()).doesNotContain("class=\"state-CREATED\"").contains("class=\"state-ACTIVE\"");
    HttpResponse<String> bad = c.get("/console/seats?state=NOPE", s);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("data-error-code=\"INVALID_FILTER\"");

    // issue 17: a seat is found by operator, beneficiary, pubkey or vault, and the pager keeps the filters
    assertThat(page1.body()).as("a viewer is not offered seat creation").doesNotContain("id=\"create-seat-form\"");
    assertThat(c.get("/console/seats", c.fx.session(admin)).body()).contains("id=\"create-seat-form\"");
    HttpResponse<String> noChain = c.post("/console/seats", c.fx.session(admin), Map.of("operatorId", "op-new",
        "beneficiary", "0x" + "12".repeat(20)), true);
    assertThat(noChain.statusCode()).as("the console's API has no signer: refused as the API route").isEqualTo(503);
    assertThat(noChain.body()).contains("data-error-code=\"WRITES_DISABLED\"");
    assertThat(c.auditOf(noChain).action()).isEqualTo("seat.create_with_vault");
    HttpResponse<String> byOperator = c.get("/console/seats?operator=op-1003", s);
    assertThat(rows(byOperator.body())).isEqualTo(1);
    assertThat(byOperator.body()).contains("href=\"/console/seats/" + (first + 3) + "\"").contains("value=\"op-1003\"");
    String pubkey = "0x" + String.format("%096x", 1004 + 1);
    assertThat(rows(c.get("/console/seats?pubkey=" + pubkey, s).body())).isEqualTo(1);
    String beneficiary = "0x" + String.format("%040x", 1005 + 1);
    assertThat(rows(c.get("/console/seats?beneficiary=" + beneficiary + "&state=ACTIVE", s).body())).isEqualTo(1);
    assertThat(rows(c.get("/console/seats?beneficiary=" + beneficiary + "&state=CREATED", s).body())).isZero();
    String vault = "0xb" + String.format("%040x", 1006 + 1).substring(1);
    assertThat(rows(c.get("/console/seats?vault=" + vault, s).body())).isEqualTo(1);
    assertThat(c.get("/console/seats?state=ACTIVE&limit=5", s).body()).contains("href=\"/console/seats?state=ACTIVE&amp;after=");
    HttpResponse<String> badKey = c.get("/console/seats?pubkey=0x1234", s);
    assertThat(badKey.statusCode()).isEqualTo(400);
    assertThat(badKey.body()).contains("data-error-code=\"INVALID_FILTER\"");

    HttpResponse<String> detail = c.get("/console/seats/" + first, s);
    assertThat(detail.statusCode()).isEqualTo(200);
    assertThat(detail.body()).contains("id=\"seat-state\">CREATED<", "op-1000");
    assertThat(c.get("/console/seats/999999999", s).statusCode()).isEqualTo(404);
  }

  @Test
  void hostileValuesAreEscapedEverywhereTheyAreShown() {
    long seat = c.insertSeat(5000, "EXCEPTION", HOSTILE);
    c.insertEvidence(seat, "<img src=x onerror=alert(2)>");
    NewSession s = c.fx.session(admin);
    HttpResponse<String> detail = c.get("/console/seats/" + seat, s);
    assertThat(detail.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;")
        .doesNotContain(HOSTILE, "<img src=x");
    // a hostile username is only ever text: in the refilled sign-in form and in the audit log
    HttpResponse<String> login = c.login("\"><script>alert(3)</script>", "whatever-password");
    // in the attribute the quote is escaped, so the value cannot end early; '<' cannot open a tag there
    assertThat(login.body()).doesNotContain("<script>alert(3)").contains("value=\"&#34;>&lt;script>alert(3)&lt;/script>\"");
    HttpResponse<String> audit = c.get("/console/audit", s);
    assertThat(audit.statusCode()).isEqualTo(200);
    assertThat(audit.body()).contains("login:\"&gt;&lt;script&gt;alert(3)&lt;/script&gt;").doesNotContain("<script>alert");
  }

  @Test
  void auditPageShowsTheChainVerificationAndPagesOlderEntries() {
    NewSession s = c.fx.session(admin);
    for (int i = 0; i < 55; i++) { // enough rows for two pages
      c.fx.audit.append(new AuditEvent("test", "SESSION", "ADMIN", "test.filler", null, AuditResult.SUCCESS, null,
          "filler-" + i, "127.0.0.1"));
    }
    // the chain is walked on request only; the plain page then shows that walk as the last verification
    HttpResponse<String> walked = c.get("/console/audit?verify=now", s);
    assertThat(walked.statusCode()).isEqualTo(200);
    assertThat(walked.body()).contains("id=\"chain\" data-intact=\"true\" data-walked=\"true\"");
    HttpResponse<String> r = c.get("/console/audit", s);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("id=\"chain\" data-intact=\"true\" data-walked=\"false\"", "id=\"verify-chain\"");
    Matcher older = Pattern.compile("id=\"audit-older\" href=\"([^\"]+)\"").matcher(r.body());
    assertThat(older.find()).isTrue();
    HttpResponse<String> page2 = c.getHtmx(older.group(1), s);
    assertThat(page2.statusCode()).isEqualTo(200);
    assertThat(page2.body()).startsWith("<div id=\"audit\" class=\"scroll\">");
  }

  @Test
  void theAuditPageShowsTheLastRecordedVerificationWithoutWalkingTheChain() {
    NewSession s = c.fx.session(admin);
    c.fx.audit.append(new AuditEvent("test", "SESSION", "ADMIN", "test.filler", null, AuditResult.SUCCESS, null,
        "before-walk", "127.0.0.1"));
    HttpResponse<String> first = c.get("/console/audit?verify=now", s);
    Matcher rows = Pattern.compile("Hash chain intact: (\\d+) rows checked").matcher(first.body());
    assertThat(rows.find()).isTrue();
    long checked = Long.parseLong(rows.group(1));
    // rows written after the walk are not counted by a plain load: it shows the recorded walk, it does not walk
    for (int i = 0; i < 3; i++) {
      c.fx.audit.append(new AuditEvent("test", "SESSION", "ADMIN", "test.filler", null, AuditResult.SUCCESS, null,
          "after-walk-" + i, "127.0.0.1"));
    }
    assertThat(c.get("/console/audit", s).body()).contains("Hash chain intact: " + checked + " rows checked");
    // the API's verify route records its walk too, and the page shows that one next
    HttpResponse<String> api = c.api.send(c.api.request("/v1/audit-logs/verify")
        .header("Authorization", "Bearer " + s.token()).GET().build());
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(c.get("/console/audit", s).body()).doesNotContain("Hash chain intact: " + checked + " rows checked")
        .contains("data-walked=\"false\"");
    // anything but verify=now is refused, and walks nothing
    assertThat(c.get("/console/audit?verify=1", s).statusCode()).isEqualTo(400);
  }

  @Test
  void signOutRevokesTheSession() {
    NewSession s = c.fx.session(viewer);
    assertThat(c.post("/console/logout", s, Map.of(), false).statusCode()).isEqualTo(403);
    HttpResponse<String> r = c.post("/console/logout", s, Map.of(), true);
    assertThat(r.headers().firstValue("HX-Redirect")).contains("/console/login");
    assertThat(r.headers().allValues("Set-Cookie")).anyMatch(v -> v.startsWith("__Host-sm_session=;"));
    assertThat(c.auditOf(r).action()).isEqualTo("auth.logout");
    assertThat(c.get("/console/seats", s).statusCode()).isEqualTo(303);
  }

  private static int rows(String html) {
    return html.split("class=\"seat-row\"", -1).length - 1;
  }
}
