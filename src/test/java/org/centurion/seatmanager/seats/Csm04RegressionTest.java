package org.centurion.seatmanager.seats;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.web.auth.SecurityGuard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runbook §8, CSM-04: run alone with {@code ./mvnw test -Dgroups=CSM-04}. */
@Tag("CSM-04")
class Csm04RegressionTest {
  static final String OTHER = "0x8617e340b3d01fa5f11f306f4090fd50e238070d";
  static final String PUBKEY = "0x" + "e5".repeat(48);
  static final String OTHERS_PUBKEY = "0x" + "f6".repeat(48);
  static SeatApiFixture f;
  static String mine;

  @BeforeAll
  static void start() {
    f = new SeatApiFixture();
    f.insertSeat(PUBKEY, SeatApiFixture.BENEFICIARY, "0x" + "11".repeat(20), "ACTIVE");
    f.insertSeat(OTHERS_PUBKEY, OTHER, "0x" + "22".repeat(20), "ACTIVE");
    mine = f.fx.stakerKeys.create(SeatApiFixture.BENEFICIARY, "csm04", Optional.empty(), "test").secret();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  static HttpResponse<String> read(String path, String key, String address) {
    HttpRequest.Builder b = f.fx.bearer(path, key);
    if (address != null) {
      b.header(SecurityGuard.STAKER_ADDRESS_HEADER, address);
    }
    return f.api.send(b.GET().build());
  }

  @Test
  @DisplayName("CSM-04 regression: /v1/validator/:pubkey requires X-Staker-Address")
  void validatorRequiresStakerAddress() {
    HttpResponse<String> none = read("/v1/validator/" + PUBKEY, mine, null);
    assertThat(none.statusCode()).isEqualTo(403);
    assertThat(SecurityFixture.code(none)).isEqualTo("STAKER_ADDRESS_REQUIRED");
    assertThat(none.body()).doesNotContain(SeatApiFixture.BENEFICIARY);
    HttpResponse<String> wrong = read("/v1/validator/" + PUBKEY, mine, OTHER);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(SecurityFixture.code(wrong)).isEqualTo("STAKER_ADDRESS_MISMATCH");
    HttpResponse<String> right = read("/v1/validator/" + PUBKEY, mine, SeatApiFixture.BENEFICIARY);
    assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
    assertThat(SecurityFixture.json(right).path("beneficiary").asString()).isEqualTo(SeatApiFixture.BENEFICIARY);
  }

  @Test
  void theHeaderMustAlsoBeTheSeatsBeneficiary() {
    HttpResponse<String> others = read("/v1/validator/" + OTHERS_PUBKEY, mine, SeatApiFixture.BENEFICIARY);
    assertThat(others.statusCode()).isEqualTo(403);
    assertThat(SecurityFixture.code(others)).isEqualTo("STAKER_ADDRESS_MISMATCH");
    assertThat(others.body()).doesNotContain(OTHER);
    // refused inside the handler, and on record like the guard's own refusals (issue 13)
    String requestId = others.headers().firstValue("X-Request-Id").orElseThrow();
    java.util.List<String> rows = f.fx.db.jdbi().withHandle(h -> h.createQuery(
            "SELECT result || ' ' || coalesce(reason, '') FROM audit_log WHERE request_id = :r")
        .bind("r", requestId).mapTo(String.class).list());
    assertThat(rows).containsExactly("DENIED STAKER_ADDRESS_MISMATCH");
  }

  @Test
  void validatorsByAddressIsBoundToTheKeysAddress() {
    assertThat(SecurityFixture.code(read("/v1/validators/" + SeatApiFixture.BENEFICIARY, mine, null)))
        .isEqualTo("STAKER_ADDRESS_REQUIRED");
    assertThat(SecurityFixture.code(read("/v1/validators/" + OTHER, mine, SeatApiFixture.BENEFICIARY)))
        .isEqualTo("STAKER_ADDRESS_MISMATCH");
    HttpResponse<String> ok = read("/v1/validators/" + SeatApiFixture.BENEFICIARY, mine, SeatApiFixture.BENEFICIARY);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(SecurityFixture.json(ok).path("items")).hasSize(1);
    assertThat(ok.body()).contains(PUBKEY).doesNotContain(OTHERS_PUBKEY);
  }

  @Test
  void usersStillReadWithoutTheHeader() {
    HttpResponse<String> r = f.api.send(f.fx.bearer("/v1/validator/" + PUBKEY, f.session.token()).GET().build());
    assertThat(r.statusCode()).isEqualTo(200);
  }
}
