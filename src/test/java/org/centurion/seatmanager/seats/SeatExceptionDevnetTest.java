package org.centurion.seatmanager.seats;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetValidatorKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * Seats that went wrong (issue 15), on the devnet with the real executor: an EXCEPTION seat with
 * nothing deposited is revoked (its still active allowlist intent removed on chain first), one whose
 * 32 CTN were deposited is refused revocation; and every seat says what can be done next and why not
 * the rest.
 */
class SeatExceptionDevnetTest {
  static SeatTestbed bed;
  static final String BENEFICIARY = DevnetAccounts.account(DevnetAccounts.BENEFICIARY).getAddress();

  @BeforeAll
  static void start() throws Exception {
    bed = new SeatTestbed();
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  private static long allowlistedSeat(String operator) {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    HttpResponse<String> r = bed.post("/v1/seats/with-vault", SeatTestbed.withVaultBody(operator, BENEFICIARY, key.pubkey()),
        false);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    bed.execute(SecurityFixture.json(r).path("operation").path("id").asLong());
    long id = bed.seatOf(Numeric.toHexString(key.pubkey()));
    String vault = bed.get("/v1/seats/" + id).path("vault").asString();
    assertThat(bed.post("/v1/seats/" + id + "/deposit-data", bed.depositFile(key, vault, bed.devnet.genesisForkVersion()),
        false).statusCode()).isEqualTo(200);
    JsonNode next = bed.get("/v1/seats/" + id).path("nextActions");
    assertThat(next.path("approve").asString()).isEqualTo("allowed");
    assertThat(next.path("deposit").asString()).startsWith("not from DATA_VERIFIED");
    long approve = SecurityFixture.json(bed.post("/v1/seats/" + id + "/approve", "", false)).path("operation").path("id").asLong();
    assertThat(bed.get("/v1/seats/" + id).path("nextActions").path("revoke").asString())
        .as("a pending operation is named").contains("operation " + approve).contains("QUEUED");
    bed.execute(approve);
    return id;
  }

  private static void toException(long id, String reason) {
    bed.fx.db.jdbi().useTransaction(h -> bed.seats.transitions().toException(h, id, reason, Evidence.offChain(reason, "test:watcher")));
  }

  @Test
  void anExceptionSeatWithNothingDepositedIsRevokedAndItsIntentRemovedOnChain() {
    long id = allowlistedSeat("op-exc-revoke");
    toException(id, "test: DEPOSIT_FRONT_RUN by someone else");
    JsonNode next = bed.get("/v1/seats/" + id).path("nextActions");
    assertThat(next.path("revoke").asString()).isEqualTo("allowed");
    assertThat(next.path("deposit").asString()).startsWith("not from EXCEPTION");
    assertThat(next.path("force-exit").asString()).startsWith("not from EXCEPTION");
    HttpResponse<String> noStepUp = bed.post("/v1/seats/" + id + "/revoke", "", false);
    assertThat(noStepUp.statusCode()).isEqualTo(403);
    HttpResponse<String> revoke = bed.post("/v1/seats/" + id + "/revoke", "", true);
    assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(202);
    assertThat(SecurityFixture.json(revoke).path("operation").path("kind").asString()).isEqualTo("REMOVE_ALLOWLIST_INTENT");
    bed.execute(SecurityFixture.json(revoke).path("operation").path("id").asLong());
    assertThat(bed.state(id)).isEqualTo("REVOKED");
    assertThat(bed.get("/v1/seats/" + id).path("nextActions").path("revoke").asString()).contains("nothing more");
  }

  @Test
  void anExceptionSeatWhose32CtnWereDepositedIsNotRevoked() {
    long id = allowlistedSeat("op-exc-deposited");
    bed.execute(SecurityFixture.json(bed.post("/v1/seats/" + id + "/deposit", "", true)).path("operation").path("id").asLong());
    assertThat(bed.state(id)).isEqualTo("DEPOSITED");
    toException(id, "test: the validator was slashed");
    assertThat(bed.get("/v1/seats/" + id).path("nextActions").path("revoke").asString()).contains("deposited");
    HttpResponse<String> revoke = bed.post("/v1/seats/" + id + "/revoke", "", true);
    assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(409);
    assertThat(SecurityFixture.code(revoke)).isEqualTo("SEAT_DEPOSITED");
    assertThat(bed.state(id)).isEqualTo("EXCEPTION");
  }
}
