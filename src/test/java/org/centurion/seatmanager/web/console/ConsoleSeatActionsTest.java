package org.centurion.seatmanager.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.audit.AuditEntry;
import org.centurion.seatmanager.auth.NewSession;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.web.console.ApproveSeatActionEndpoint;
import org.centurion.seatmanager.web.console.DepositSeatActionEndpoint;
import org.centurion.seatmanager.web.console.ForceExitSeatActionEndpoint;
import org.centurion.seatmanager.web.console.RevokeSeatActionEndpoint;
import org.centurion.seatmanager.web.console.SettleSeatActionEndpoint;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.devnet.DevnetValidatorKey;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.seats.ApproveSeatEndpoint;
import org.centurion.seatmanager.web.seats.DepositSeatEndpoint;
import org.centurion.seatmanager.web.seats.ForceExitSeatEndpoint;
import org.centurion.seatmanager.web.seats.RevokeSeatEndpoint;
import org.centurion.seatmanager.web.seats.SettleSeatEndpoint;
import org.centurion.seatmanager.testing.DepositCliFiles;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/**
 * The seat page's actions over real HTTP and a real database, with writes enabled but no live chain: the
 * actions that need no chain (revoke before any intent, deposit data) go all the way; the others
 * reach their seat command and come back with its stable refusal. Each refusal changes nothing.
 */
class ConsoleSeatActionsTest {
  static final String HOSTILE = "<script>alert(1)</script>";
  static ConsoleFixture c;
  static SecurityFixture.TestUser admin;
  static SecurityFixture.TestUser operator;
  static SecurityFixture.TestUser viewer;
  static int seats = 7000;

  @BeforeAll
  static void start() {
    // Writes on, with a chain section whose only endpoint answers nothing (port 9, discard).
    Map<String, String> env = new HashMap<>();
    env.put("SEAT_MANAGER_WRITES_ENABLED", "true");
    env.put("SEAT_MANAGER_OWNER_PRIVATE_KEY", TestSecrets.hex32());
    env.put("SEAT_MANAGER_EL_RPC_URLS", "none=http://127.0.0.1:9");
    env.put("SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS", "0x" + "11".repeat(20));
    env.put("SEAT_MANAGER_VAULT_FACTORY_ADDRESS", "0x" + "22".repeat(20));
    env.put("SEAT_MANAGER_ROUTER_ADDRESS", "0x" + "33".repeat(20));
    env.put("SEAT_MANAGER_PRINCIPAL_DESTINATION", "0x" + "44".repeat(20));
    env.put("SEAT_MANAGER_GENESIS_FORK_VERSION", Numeric.toHexString(DevnetConfig.DEVNET_GENESIS_FORK_VERSION));
    c = new ConsoleFixture(env);
    admin = c.fx.user(Role.ADMIN);
    operator = c.fx.user(Role.OPERATOR);
    viewer = c.fx.user(Role.VIEWER);
  }

  @AfterAll
  static void stop() {
    c.close();
  }

  static long seat(String state) {
    return c.insertSeat(seats++, state, state.equals("EXCEPTION") ? "test: a receipt without its event" : null);
  }

  static Map<String, String> confirmed(long seat, String password) {
    Map<String, String> form = new HashMap<>();
    form.put("confirmSeat", Long.toString(seat));
    form.put("confirmPassword", password);
    return form;
  }

  @Test
  void everyActionHasItsApiRoutesMinimumRoleAndStepUp() {
    Map<SeatAction, List<Endpoint>> pairs = Map.of(
        SeatAction.APPROVE, List.of(new ApproveSeatEndpoint(null), new ApproveSeatActionEndpoint(null)),
        SeatAction.DEPOSIT, List.of(new DepositSeatEndpoint(null), new DepositSeatActionEndpoint(null)),
        SeatAction.REVOKE, List.of(new RevokeSeatEndpoint(null), new RevokeSeatActionEndpoint(null)),
        SeatAction.FORCE_EXIT, List.of(new ForceExitSeatEndpoint(null), new ForceExitSeatActionEndpoint(null)),
        SeatAction.SETTLE, List.of(new SettleSeatEndpoint(null), new SettleSeatActionEndpoint(null)),
        SeatAction.RESOLVE, List.of(new org.centurion.seatmanager.web.seats.ResolveSeatEndpoint(null),
            new ResolveSeatActionEndpoint(null)));
    assertThat(pairs).hasSize(SeatAction.values().length);
    pairs.forEach((action, endpoints) -> {
      EndpointSpec api = endpoints.get(0).spec();
      EndpointSpec console = endpoints.get(1).spec();
      assertThat(api.path()).isEqualTo(action.apiPath());
      assertThat(action.minRole()).as(action.name()).isEqualTo(api.minRole());
      assertThat(console.minRole()).as(action.name()).isEqualTo(api.minRole());
      assertThat(action.stepUp()).as(action.name()).isEqualTo(api.stepUp());
      assertThat(console.errorCodes()).as(action.name()).containsAll(api.errorCodes().stream()
          .filter(code -> !code.contains("IDEMPOTENCY")).toList());
      assertThat(console.html()).isTrue();
      // every action that moves money or ends a seat asks for the seat id
      assertThat(action.confirm()).as(action.name()).isEqualTo(action != SeatAction.APPROVE);
    });
  }

  @Test
  void theSeatPageOffersOnlyWhatTheStateAndTheRoleAllow() {
    Map<String, List<String>> adminSees = Map.of(
        "CREATED", List.of("action-revoke", "deposit-data-form"),
        "DATA_VERIFIED", List.of("action-approve", "action-revoke"),
        "ALLOWLISTED", List.of("action-deposit", "action-revoke"),
        "ACTIVE", List.of("action-force-exit"),
        "EXITED", List.of("action-settle"),
        "SETTLING", List.of("action-settle"),
        "DEPOSITED", List.of(),
        "EXCEPTION", List.of("action-revoke", "action-resolve"),
        "REVOKED", List.of());
    List<String> all = List.of("action-approve", "action-deposit", "action-revoke", "action-force-exit",
        "action-settle", "action-resolve", "deposit-data-form");
    NewSession a = c.fx.session(admin);
    NewSession o = c.fx.session(operator);
    NewSession v = c.fx.session(viewer);
    adminSees.forEach((state, expected) -> {
      long id = seat(state);
      String page = c.get("/console/seats/" + id, a).body();
      for (String form : all) {
        if (expected.contains(form)) {
          assertThat(page).as(state).contains("id=\"" + form + "\"");
        } else {
          assertThat(page).as(state).doesNotContain("id=\"" + form + "\"");
        }
      }
      String operatorPage = c.get("/console/seats/" + id, o).body();
      assertThat(operatorPage).doesNotContain("id=\"action-");
      assertThat(operatorPage.contains("id=\"deposit-data-form\"")).isEqualTo(state.equals("CREATED"));
      assertThat(c.get("/console/seats/" + id, v).body()).doesNotContain("id=\"action-", "deposit-data-form",
          "<h2>Actions</h2>");
      // CSM-01: no form on the page carries any server-controlled address
      assertThat(page.toLowerCase()).doesNotContain("name=\"treasury", "name=\"router", "name=\"depositor",
          "name=\"factory", "name=\"principal");
    });
    String allowlisted = c.get("/console/seats/" + seat("ALLOWLISTED"), a).body();
    assertThat(allowlisted).contains("name=\"confirmSeat\"", "name=\"confirmPassword\"", "name=\"totp\"");
  }

  @Test
  void anAdminRevokesAfterTypingTheSeatIdAndReauthenticating() {
    long id = seat("CREATED");
    NewSession s = c.fx.session(admin);
    HttpResponse<String> r = c.post("/console/seats/" + id + "/revoke", s, confirmed(id, admin.password()), true);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("id=\"notice\"", "The seat is now REVOKED", "href=\"/console/seats/" + id + "\"")
        .doesNotContain("<html");
    assertThat(c.seatState(id)).isEqualTo("REVOKED");
    AuditEntry a = c.auditOf(r);
    assertThat(a.action()).isEqualTo("seat.revoke");
    assertThat(a.target()).isEqualTo("seat:" + id);
    assertThat(a.result()).isEqualTo("SUCCESS");
    assertThat(c.get("/console/seats/" + id, s).body()).contains("id=\"seat-state\">REVOKED<")
        .doesNotContain("id=\"action-revoke\"");
  }

  @Test
  void refusedRevocationsChangeNothingAndAreAuditedWithTheirCode() {
    long id = seat("DATA_VERIFIED");
    String path = "/console/seats/" + id + "/revoke";
    Map<String, HttpResponse<String>> refusals = new java.util.LinkedHashMap<>();
    refusals.put("FORBIDDEN", c.post(path, c.fx.session(operator), confirmed(id, operator.password()), true));
    refusals.put("CSRF_FAILED", c.post(path, c.fx.session(admin), confirmed(id, admin.password()), false));
    Map<String, String> noPassword = confirmed(id, admin.password());
    noPassword.remove("confirmPassword");
    refusals.put("INVALID_FORM", c.post(path, c.fx.session(admin), noPassword, true));
    refusals.put("STEP_UP_FAILED", c.post(path, c.fx.session(admin), confirmed(id, "not-the-password-123"), true));
    refusals.put("CONFIRMATION_MISMATCH", c.post(path, c.fx.session(admin), confirmed(id + 1, admin.password()), true));
    Map<String, String> treasury = confirmed(id, admin.password());
    treasury.put("treasuryAddress", "0x000000000000000000000000000000000000dead");
    refusals.put("TREASURY_NOT_ALLOWED", c.post(path, c.fx.session(admin), treasury, true));
    refusals.forEach((code, r) -> {
      assertThat(r.statusCode()).as(code).isIn(400, 403);
      assertThat(r.body()).as(code).contains("data-error-code=\"" + code + "\"");
      AuditEntry a = c.auditOf(r);
      // refused by the guard or step-up (403): DENIED; bad input (400): FAILED; never SUCCESS
      assertThat(a.result()).as(code).isEqualTo(r.statusCode() == 403 ? "DENIED" : "FAILED");
      assertThat(a.reason()).as(code).isEqualTo(code);
      assertThat(c.seatState(id)).as(code).isEqualTo("DATA_VERIFIED");
    });
    assertThat(refusals.get("FORBIDDEN").statusCode()).isEqualTo(403);
    assertThat(refusals.get("CSRF_FAILED").statusCode()).isEqualTo(403);
    assertThat(refusals.get("STEP_UP_FAILED").statusCode()).isEqualTo(403);
    // a seat past its deposit cannot be revoked: the command says so, with the state it found
    long active = seat("ACTIVE");
    HttpResponse<String> late = c.post("/console/seats/" + active + "/revoke", c.fx.session(admin),
        confirmed(active, admin.password()), true);
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(late.body()).contains("data-error-code=\"INVALID_STATE\"");
    assertThat(c.seatState(active)).isEqualTo("ACTIVE");
  }

  @Test
  void stepUpActionsRefuseWithoutOrWithAWrongPasswordAndAWrongConfirmation() {
    Map<String, String> actions = Map.of("deposit", "ALLOWLISTED", "force-exit", "ACTIVE", "settle", "EXITED",
        "resolve", "EXCEPTION");
    actions.forEach((slug, state) -> {
      long id = seat(state);
      String path = "/console/seats/" + id + "/" + slug;
      NewSession s = c.fx.session(admin);
      Map<String, String> noPassword = confirmed(id, admin.password());
      noPassword.remove("confirmPassword");
      HttpResponse<String> missing = c.post(path, s, noPassword, true);
      assertThat(missing.statusCode()).as(slug).isEqualTo(400);
      assertThat(missing.body()).as(slug).contains("data-error-code=\"INVALID_FORM\"");
      HttpResponse<String> wrong = c.post(path, s, confirmed(id, admin.password() + "x"), true);
      assertThat(wrong.statusCode()).as(slug).isEqualTo(403);
      assertThat(wrong.body()).as(slug).contains("data-error-code=\"STEP_UP_FAILED\"");
      HttpResponse<String> stray = c.post(path, s, Map.of("confirmPassword", admin.password()), true);
      assertThat(stray.body()).as(slug).contains("data-error-code=\"INVALID_FORM\"");
      HttpResponse<String> mismatch = c.post(path, s, Map.of("confirmSeat", "yes", "confirmPassword",
          admin.password()), true);
      assertThat(mismatch.body()).as(slug).contains("data-error-code=\"CONFIRMATION_MISMATCH\"");
      for (HttpResponse<String> r : List.of(missing, wrong, stray, mismatch)) {
        AuditEntry a = c.auditOf(r);
        assertThat(a.action()).as(slug).isEqualTo("seat." + slug.replace('-', '_'));
        assertThat(a.result()).as(slug).isEqualTo(r.statusCode() == 403 ? "DENIED" : "FAILED");
      }
      assertThat(c.seatState(id)).as(slug).isEqualTo(state);
      assertThat(c.post(path, c.fx.session(operator), confirmed(id, operator.password()), true).statusCode())
          .as(slug).isEqualTo(403);
    });
  }

  @Test
  void resolveAsksForAWrittenReasonThenForTheChainsEvidence() {
    long id = seat("EXCEPTION");
    String path = "/console/seats/" + id + "/resolve";
    HttpResponse<String> noReason = c.post(path, c.fx.session(admin), confirmed(id, admin.password()), true);
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("data-error-code=\"INVALID_REASON\"");
    Map<String, String> form = confirmed(id, admin.password());
    form.put("reason", "re-read after the endpoint outage");
    HttpResponse<String> r = c.post(path, c.fx.session(admin), form, true);
    // the chain endpoint answers nothing: the evidence cannot be read, so nothing moves
    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(r.body()).containsPattern("data-error-code=\"(CHAIN_UNAVAILABLE|BEACON_NOT_CONFIGURED)\"");
    assertThat(c.auditOf(r).action()).isEqualTo("seat.resolve");
    assertThat(c.seatState(id)).isEqualTo("EXCEPTION");
  }

  @Test
  void actionsThatNeedTheChainReachTheirCommandAndShowItsRefusal() {
    // The chain endpoint answers nothing and no beacon is configured: each command gets as far as
    // needing one and says so; nothing changes.
    Map<String, String> actions = Map.of("approve", "DATA_VERIFIED", "deposit", "ALLOWLISTED",
        "force-exit", "ACTIVE", "settle", "EXITED");
    actions.forEach((slug, state) -> {
      long id = seat(state);
      HttpResponse<String> r = c.post("/console/seats/" + id + "/" + slug, c.fx.session(admin),
          confirmed(id, admin.password()), true);
      assertThat(r.statusCode()).as(slug).isEqualTo(503);
      assertThat(r.body()).as(slug).containsPattern("data-error-code=\"(CHAIN_UNAVAILABLE|BEACON_NOT_CONFIGURED)\"");
      AuditEntry a = c.auditOf(r);
      assertThat(a.action()).as(slug).isEqualTo("seat." + slug.replace('-', '_'));
      assertThat(a.target()).as(slug).isEqualTo("seat:" + id);
      assertThat(c.seatState(id)).as(slug).isEqualTo(state);
    });
  }

  @Test
  void anOperatorUploadsDepositDataAndTheSeatIsVerified() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    String vault = "0x" + "ab".repeat(20);
    long id = c.insertSeat(Numeric.toHexString(key.pubkey()), vault, "CREATED");
    NewSession s = c.fx.session(operator);
    String file = DepositCliFiles.forSeat(key, vault, DevnetConfig.DEVNET_GENESIS_FORK_VERSION);
    HttpResponse<String> r = c.postFile("/console/seats/" + id + "/deposit-data", s, "depositData", "deposit_data.json",
        file, true);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("Every deposit-data check passed", "DATA_VERIFIED");
    assertThat(c.seatState(id)).isEqualTo("DATA_VERIFIED");
    AuditEntry a = c.auditOf(r);
    assertThat(a.action()).isEqualTo("seat.deposit_data");
    assertThat(a.result()).isEqualTo("SUCCESS");
  }

  @Test
  void aRefusedDepositFileIsShownEntryByEntryWithEveryCodeAndChangesNothing() {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    String vault = "0x" + "cd".repeat(20);
    long id = c.insertSeat(Numeric.toHexString(key.pubkey()), vault, "CREATED");
    NewSession s = c.fx.session(operator);
    String good = DepositCliFiles.forSeat(key, vault, DevnetConfig.DEVNET_GENESIS_FORK_VERSION);
    // the right key, signed for the wrong fork, twice, plus a key deposit-cli never writes
    String wrongFork = DepositCliFiles.forSeat(key, vault, new byte[] {0, 0, 0, 0});
    String entry = wrongFork.substring(1, wrongFork.length() - 1);
    String hostileEntry = entry.substring(0, entry.length() - 1) + ",\"" + HOSTILE + "\":1}";
    String file = "[" + entry + "," + hostileEntry + "]";
    HttpResponse<String> r = c.postFile("/console/seats/" + id + "/deposit-data", s, "depositData", "d.json", file, true);
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains("id=\"deposit-report\"", "data-error-code=\"DEPOSIT_DATA_INVALID\"",
        "<h3>file</h3>", "<h3>entry 1</h3>", "data-failure-code=\"ENTRY_COUNT\"", "data-failure-code=\"UNKNOWN_FIELD\"")
        .doesNotContain(HOSTILE).doesNotContain("<html");
    assertThat(c.seatState(id)).isEqualTo("CREATED");
    AuditEntry a = c.auditOf(r);
    assertThat(a.action()).isEqualTo("seat.deposit_data");
    assertThat(a.reason()).isEqualTo("DEPOSIT_DATA_INVALID");

    HttpResponse<String> one = c.postFile("/console/seats/" + id + "/deposit-data", s, "depositData", "d.json",
        wrongFork, true);
    assertThat(one.body()).contains("<h3>entry 0</h3>", "data-failure-code=\"FORK_VERSION_MISMATCH\"");

    HttpResponse<String> treasury = c.postFile("/console/seats/" + id + "/deposit-data", s, "depositData", "d.json",
        "[{\"treasury\":\"0x000000000000000000000000000000000000dead\"}]", true);
    assertThat(treasury.statusCode()).isEqualTo(400);
    assertThat(treasury.body()).contains("data-error-code=\"TREASURY_NOT_ALLOWED\"");

    HttpResponse<String> noCsrf = c.postFile("/console/seats/" + id + "/deposit-data", s, "depositData", "d.json",
        good, false);
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    assertThat(c.auditOf(noCsrf).reason()).isEqualTo("CSRF_FAILED");
    assertThat(c.postFile("/console/seats/" + id + "/deposit-data", c.fx.session(viewer), "depositData", "d.json",
        good, true).statusCode()).isEqualTo(403);
    assertThat(c.seatState(id)).isEqualTo("CREATED");
  }
}
