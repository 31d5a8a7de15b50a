package org.centurion.seatmanager.seats;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runbook §8, CSM-01: run alone with {@code ./mvnw test -Dgroups=CSM-01}. */
@Tag("CSM-01")
class Csm01RegressionTest {
  static SeatApiFixture f;

  @BeforeAll
  static void start() {
    f = new SeatApiFixture();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** Every spelling a caller might use to name a server-controlled address, at any depth. */
  static final List<String> OVERRIDES = List.of(
      "\"treasury\":\"0x8617e340b3d01fa5f11f306f4090fd50e238070d\"",
      "\"treasuryAddress\":\"0x8617e340b3d01fa5f11f306f4090fd50e238070d\"",
      "\"TREASURY\":\"0x8617e340b3d01fa5f11f306f4090fd50e238070d\"",
      "\"depositor\":\"0x8617e340b3d01fa5f11f306f4090fd50e238070d\"",
      "\"principal_destination\":\"0x8617e340b3d01fa5f11f306f4090fd50e238070d\"",
      "\"principalDestination\":\"0x8617e340b3d01fa5f11f306f4090fd50e238070d\"",
      "\"router\":\"0x8617e340b3d01fa5f11f306f4090fd50e238070d\"",
      "\"vault_factory\":\"0x8617e340b3d01fa5f11f306f4090fd50e238070d\"",
      "\"deposit-contract\":\"0x8617e340b3d01fa5f11f306f4090fd50e238070d\"",
      "\"options\":{\"nested\":[{\"TreasuryRouter\":\"0x8617e340b3d01fa5f11f306f4090fd50e238070d\"}]}");

  static String generateBody(String extra) {
    return "{\"operatorId\":\"op-1\",\"beneficiary\":\"" + SeatApiFixture.BENEFICIARY + "\"," + extra + "}";
  }

  @Test
  @DisplayName("CSM-01 regression: POST /v1/seats/generate rejects caller treasury override")
  void generateRejectsCallerTreasuryOverride() {
    long before = f.writtenRows();
    for (String extra : OVERRIDES) {
      HttpResponse<String> r = f.asSteppedUpAdmin("/v1/seats/generate", generateBody(extra));
      assertThat(r.statusCode()).as(extra).isEqualTo(400);
      assertThat(SecurityFixture.code(r)).as(extra).isEqualTo("TREASURY_NOT_ALLOWED");
    }
    assertThat(f.writtenRows()).isEqualTo(before);
  }

  /**
   * The console's forms reach the seat commands through {@link SeatCommandRunner#submit} with the form's
   * fields as JSON: the override is refused there too, before the command runs, and a signing command
   * with writes disabled never runs either.
   */
  @Test
  void theConsoleFormPathRefusesTheOverrideBeforeItsCommandRuns() throws Exception {
    SeatCommandRunner runner = new SeatCommandRunner(f.fx.db.jdbi(), new SeatIdempotency(f.fx.db.jdbi()), false);
    java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
    SeatCommandRunner.Command command = (body, caller, tx) -> {
      ran.incrementAndGet();
      throw new AssertionError("the command ran");
    };
    org.centurion.seatmanager.auth.Caller caller = org.centurion.seatmanager.auth.Caller.anonymous("192.0.2.1");
    for (String extra : OVERRIDES) {
      tools.jackson.databind.JsonNode form = org.centurion.seatmanager.web.Json.mapper().readTree("{" + extra + "}");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.submit(form, caller, false, command)).as(extra)
          .isInstanceOfSatisfying(org.centurion.seatmanager.problem.Problem.class,
              p -> assertThat(p.code()).isEqualTo("TREASURY_NOT_ALLOWED"));
    }
    tools.jackson.databind.JsonNode clean = org.centurion.seatmanager.web.Json.mapper().readTree("{\"note\":\"x\"}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.submit(clean, caller, true, command))
        .isInstanceOfSatisfying(org.centurion.seatmanager.problem.Problem.class,
            p -> assertThat(p.code()).isEqualTo("WRITES_DISABLED"));
    assertThat(ran.get()).isZero();
  }

  @Test
  void everyOtherRouteTheControlNamesRejectsTheOverrideToo() {
    long seat = f.insertSeat("0x" + "a1".repeat(48), SeatApiFixture.BENEFICIARY, "0x" + "b2".repeat(20), "DATA_VERIFIED");
    long before = f.writtenRows();
    List<String> routes = List.of("/v1/seats/with-vault", "/v1/seats/" + seat + "/approve", "/v1/seats/" + seat + "/deposit",
        "/v1/seats/" + seat + "/settle", "/v1/seats/" + seat + "/force-exit", "/v1/seats/" + seat + "/revoke");
    for (String route : routes) {
      for (String extra : OVERRIDES) {
        HttpResponse<String> r = f.asSteppedUpAdmin(route, "{" + extra + "}");
        assertThat(r.statusCode()).as(route + " " + extra).isEqualTo(400);
        assertThat(SecurityFixture.code(r)).isEqualTo("TREASURY_NOT_ALLOWED");
      }
    }
    // deposit data is a JSON array; a treasury field inside an entry is refused as well
    HttpResponse<String> r = f.post("/v1/seats/" + seat + "/deposit-data", "[{\"treasury\":\"0x00\"}]",
        f.session.token(), null);
    assertThat(SecurityFixture.code(r)).isEqualTo("TREASURY_NOT_ALLOWED");
    assertThat(f.writtenRows()).isEqualTo(before);
  }

  @Test
  void lookAlikeSpellingsAndQueryStringNamesAreRefusedToo() {
    long seat = f.insertSeat("0x" + "a3".repeat(48), SeatApiFixture.BENEFICIARY, "0x" + "b4".repeat(20), "DATA_VERIFIED");
    long before = f.writtenRows();
    // the long s (U+017F) and fullwidth letters fold to "treasury" in a lenient parser downstream
    for (String name : List.of("trea\u017Fury", "\uFF54reasury", "\uFF32\uFF2F\uFF35\uFF34\uFF25\uFF32")) {
      HttpResponse<String> r = f.asSteppedUpAdmin("/v1/seats/generate", generateBody("\"" + name + "\":\"0x8617e340b3d01fa5f11f306f4090fd50e238070d\""));
      assertThat(r.statusCode()).as(name).isEqualTo(400);
      assertThat(SecurityFixture.code(r)).as(name).isEqualTo("TREASURY_NOT_ALLOWED");
    }
    for (String route : List.of("/v1/seats/generate?treasury=0x8617e340b3d01fa5f11f306f4090fd50e238070d",
        "/v1/seats/with-vault?principal_destination=0x01", "/v1/seats/" + seat + "/approve?router=0x02",
        "/v1/seats/" + seat + "/deposit?Depositor=0x03")) {
      HttpResponse<String> r = f.asSteppedUpAdmin(route, route.contains("generate") ? generateBody("\"x\":1").replace(",\"x\":1", "") : "{}");
      assertThat(r.statusCode()).as(route).isEqualTo(400);
      assertThat(SecurityFixture.code(r)).as(route).isEqualTo("TREASURY_NOT_ALLOWED");
    }
    assertThat(f.writtenRows()).isEqualTo(before);
  }

  @Test
  void routesThatReadNoFieldRefuseEveryField() {
    long seat = f.insertSeat("0x" + "a5".repeat(48), SeatApiFixture.BENEFICIARY, "0x" + "b6".repeat(20), "DATA_VERIFIED");
    long before = f.writtenRows();
    for (String action : List.of("approve", "deposit", "revoke", "settle", "force-exit")) {
      for (String body : List.of("{\"force\":true}", "{\"amount\":\"64\"}", "[]")) {
        HttpResponse<String> r = f.asSteppedUpAdmin("/v1/seats/" + seat + "/" + action, body);
        assertThat(r.statusCode()).as(action + " " + body).isEqualTo(400);
        assertThat(SecurityFixture.code(r)).as(action + " " + body).isIn("UNKNOWN_FIELD", "INVALID_JSON");
      }
    }
    assertThat(f.writtenRows()).isEqualTo(before);
  }

  @Test
  void fieldNamesThatOnlyLookAlikePass() {
    assertThat(TreasuryFieldGuard.names("withdrawal_credentials")).isFalse();
    assertThat(TreasuryFieldGuard.names("deposit_data_root")).isFalse();
    assertThat(TreasuryFieldGuard.names("deposit_message_root")).isFalse();
    assertThat(TreasuryFieldGuard.names("beneficiary")).isFalse();
    assertThat(TreasuryFieldGuard.names("operatorId")).isFalse();
    assertThat(TreasuryFieldGuard.names("Principal-Destination")).isTrue();
    assertThat(TreasuryFieldGuard.names("depositContractAddress")).isTrue();
  }
}
