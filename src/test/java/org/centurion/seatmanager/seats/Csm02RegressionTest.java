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

/** Runbook §8, CSM-02: run alone with {@code ./mvnw test -Dgroups=CSM-02}. */
@Tag("CSM-02")
class Csm02RegressionTest {
  static SeatApiFixture f;

  @BeforeAll
  static void start() {
    f = new SeatApiFixture();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  static final String BODY = "{\"operatorId\":\"op-1\",\"beneficiary\":\"" + SeatApiFixture.BENEFICIARY + "\"}";

  @Test
  @DisplayName("CSM-02 regression: POST /v1/seats/generate requires step-up for session admins")
  void generateRequiresStepUpForSessionAdmins() {
    long before = f.writtenRows();
    HttpResponse<String> noStepUp = f.post("/v1/seats/generate", BODY, f.session.token(), null);
    assertThat(noStepUp.statusCode()).isEqualTo(403);
    assertThat(SecurityFixture.code(noStepUp)).isEqualTo("STEP_UP_REQUIRED");
    HttpResponse<String> forged = f.post("/v1/seats/generate", BODY, f.session.token(), "su1.forged.token");
    assertThat(SecurityFixture.code(forged)).isEqualTo("STEP_UP_REQUIRED");
    HttpResponse<String> otherSession = f.post("/v1/seats/generate", BODY, f.fx.session(f.admin).token(), f.stepUpFor("/v1/seats/generate"));
    assertThat(SecurityFixture.code(otherSession)).as("a step-up token is bound to its session").isEqualTo("STEP_UP_REQUIRED");
    HttpResponse<String> staticToken = f.post("/v1/seats/generate", BODY, SeatApiFixture.STATIC_TOKEN, null);
    assertThat(staticToken.statusCode()).isEqualTo(403);
    assertThat(SecurityFixture.code(staticToken)).isEqualTo("STATIC_TOKEN_NOT_ALLOWED");
    assertThat(f.writtenRows()).isEqualTo(before);
    // with step-up the guard admits the admin; the default deployment then refuses to sign
    HttpResponse<String> steppedUp = f.asSteppedUpAdmin("/v1/seats/generate", BODY);
    assertThat(steppedUp.statusCode()).isEqualTo(503);
    assertThat(SecurityFixture.code(steppedUp)).isEqualTo("WRITES_DISABLED");
    assertThat(f.writtenRows()).isEqualTo(before);
  }

  @Test
  void settleForceExitDepositAndRevokeRequireStepUpAndRefuseTheStaticToken() {
    long seat = f.insertSeat("0x" + "c3".repeat(48), SeatApiFixture.BENEFICIARY, "0x" + "d4".repeat(20), "ACTIVE");
    long before = f.writtenRows();
    for (String action : List.of("settle", "force-exit", "deposit", "revoke")) {
      String path = "/v1/seats/" + seat + "/" + action;
      HttpResponse<String> r = f.post(path, "", f.session.token(), null);
      assertThat(r.statusCode()).as(path).isEqualTo(403);
      assertThat(SecurityFixture.code(r)).isEqualTo("STEP_UP_REQUIRED");
      r = f.post(path, "", SeatApiFixture.STATIC_TOKEN, null);
      assertThat(SecurityFixture.code(r)).as(path).isEqualTo("STATIC_TOKEN_NOT_ALLOWED");
      r = f.asSteppedUpAdmin(path, "");
      assertThat(SecurityFixture.code(r)).as(path).isEqualTo("WRITES_DISABLED");
    }
    assertThat(f.writtenRows()).isEqualTo(before);
  }
}
