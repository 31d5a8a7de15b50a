package org.centurion.seatmanager.seats;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.AlertSignal;
import org.centurion.seatmanager.alerts.Severity;
import org.centurion.seatmanager.auth.NewSession;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetValidatorKey;
import org.centurion.seatmanager.ops.OperationStatus;
import org.centurion.seatmanager.ops.PipelineProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * The operations routes (issue 15) on the devnet with the real executor: list and detail with intents
 * and attempts; a FAILED operation retried as a new operation linked to it, then confirmed; a QUEUED
 * one cancelled (nothing ever signed, the seat free to move again); one with an intent refused with
 * the reason; a cancel racing the executor's claim has one effect; and what lesser or stolen
 * credentials and malformed requests get.
 */
class OperationsAdminDevnetTest {
  static SeatTestbed bed;
  static AlertService alerts;
  static final String BENEFICIARY = DevnetAccounts.account(DevnetAccounts.BENEFICIARY).getAddress();

  @BeforeAll
  static void start() throws Exception {
    bed = new SeatTestbed();
    alerts = new AlertService(bed.fx.db.jdbi(), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  @AfterEach
  void reset() {
    bed.probe.set(PipelineProbe.NONE);
    bed.fx.db.jdbi().useHandle(h -> h.execute("UPDATE executor_pause SET paused = false, reason = 'test cleanup'"));
  }

  private static long count(String sql, Object... binds) {
    return bed.count(sql, binds);
  }

  private static long verifiedSeat(String operator) {
    DevnetValidatorKey key = DevnetValidatorKey.random();
    HttpResponse<String> r = bed.post("/v1/seats/with-vault", SeatTestbed.withVaultBody(operator, BENEFICIARY, key.pubkey()),
        false);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    bed.execute(SecurityFixture.json(r).path("operation").path("id").asLong());
    long id = bed.seatOf(Numeric.toHexString(key.pubkey()));
    String vault = bed.get("/v1/seats/" + id).path("vault").asString();
    assertThat(bed.post("/v1/seats/" + id + "/deposit-data", bed.depositFile(key, vault, bed.devnet.genesisForkVersion()),
        false).statusCode()).isEqualTo(200);
    return id;
  }

  private static long approve(long seat) {
    HttpResponse<String> approve = bed.post("/v1/seats/" + seat + "/approve", "", false);
    assertThat(approve.statusCode()).as(approve.body()).isEqualTo(202);
    return SecurityFixture.json(approve).path("operation").path("id").asLong();
  }

  private static void ticks(int n) {
    for (int i = 0; i < n; i++) {
      bed.executor.tick();
    }
  }

  @Test
  void listFiltersPagesAndDetailShowsIntentsAndAttempts() {
    long seat = verifiedSeat("op-ops-list");
    long op = approve(seat);
    bed.execute(op);
    JsonNode detail = bed.get("/v1/operations/" + op);
    assertThat(detail.path("status").asString()).isEqualTo("CONFIRMED");
    assertThat(detail.path("decodedCall").asString()).contains("addAllowedDepositFor");
    assertThat(detail.path("intents")).hasSize(1);
    JsonNode intent = detail.path("intents").get(0);
    assertThat(intent.path("status").asString()).isEqualTo("CONFIRMED");
    assertThat(intent.path("attempts")).hasSize(1);
    assertThat(intent.path("attempts").get(0).path("txHash").asString()).isEqualTo(detail.path("txHash").asString());
    assertThat(detail.path("actions").path("retry").asString()).contains("only a FAILED operation");
    assertThat(detail.path("actions").path("cancel").asString()).contains("CONFIRMED already");

    JsonNode bySeat = bed.get("/v1/operations?seat=" + seat);
    assertThat(bySeat.path("operations")).hasSize(2); // the vault deployment and the approval
    assertThat(bySeat.path("operations").get(0).path("id").asLong()).as("newest first").isEqualTo(op);
    JsonNode filtered = bed.get("/v1/operations?seat=" + seat + "&kind=add_allowlist_intent&status=CONFIRMED");
    assertThat(filtered.path("operations")).hasSize(1);
    assertThat(bed.get("/v1/operations?seat=" + seat + "&minAge=PT1H").path("operations")).as("none that old").isEmpty();

    List<Long> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = bed.get("/v1/operations?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      page.path("operations").forEach(o -> seen.add(o.path("id").asLong()));
      cursor = page.path("nextCursor").isNull() || page.path("nextCursor").isMissingNode() ? null : page.path("nextCursor").asString();
    } while (cursor != null);
    assertThat(seen).doesNotHaveDuplicates().contains(op).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(seen).hasSize((int) count("SELECT count(*) FROM operations"));

    for (String bad : new String[] {"status=WEIRD", "kind=STEAL", "seat=-1", "minAge=yesterday", "limit=501", "owner=x",
        "seat=1&seat=2"}) {
      HttpResponse<String> r = bed.fx.getBearer("/v1/operations?" + bad, bed.adminToken);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(SecurityFixture.code(r)).as(bad).isEqualTo("INVALID_QUERY");
    }
    assertThat(bed.fx.getBearer("/v1/operations/999999999", bed.adminToken).statusCode()).isEqualTo(404);
    assertThat(bed.fx.getBearer("/v1/operations/abc", bed.adminToken).statusCode()).isEqualTo(404);
  }

  @Test
  void aFailedOperationIsRetriedAsANewLinkedOperationAndConfirmed() {
    long seat = verifiedSeat("op-ops-retry");
    long failedOp = approve(seat);
    AlertSignal mismatch = AlertSignal.forSeat(AlertKind.WITHDRAWAL_CREDENTIALS_MISMATCH, Severity.CRITICAL, seat, "",
        "test: credentials mismatch, later cleared");
    alerts.raise("cl-validators", mismatch);
    try {
      ticks(2);
    } finally {
      alerts.resolve("cl-validators", mismatch.dedupeKey());
    }
    assertThat(bed.operations.find(failedOp).orElseThrow().status()).isEqualTo(OperationStatus.FAILED);
    assertThat(bed.get("/v1/operations/" + failedOp).path("actions").path("retry").asString()).isEqualTo("allowed");

    HttpResponse<String> noStepUp = bed.post("/v1/operations/" + failedOp + "/retry", "", false);
    assertThat(noStepUp.statusCode()).isEqualTo(403);
    HttpResponse<String> withField = bed.post("/v1/operations/" + failedOp + "/retry", "{\"target\":\"0x00\"}", true);
    assertThat(withField.statusCode()).as("no body fields").isEqualTo(400);

    HttpResponse<String> retried = bed.post("/v1/operations/" + failedOp + "/retry", "", true);
    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
    long newOp = SecurityFixture.json(retried).path("id").asLong();
    assertThat(newOp).isNotEqualTo(failedOp);
    assertThat(bed.get("/v1/operations/" + newOp).path("retryOf").asLong()).isEqualTo(failedOp);
    assertThat(bed.get("/v1/operations/" + failedOp).path("retriedBy").asLong()).isEqualTo(newOp);
    assertThat(bed.operations.find(failedOp).orElseThrow().status()).as("the old row is left as it was")
        .isEqualTo(OperationStatus.FAILED);
    HttpResponse<String> twice = bed.post("/v1/operations/" + failedOp + "/retry", "", true);
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(SecurityFixture.code(twice)).isEqualTo("OPERATION_ALREADY_RETRIED");

    bed.execute(newOp);
    assertThat(bed.state(seat)).isEqualTo("ALLOWLISTED");
    HttpResponse<String> confirmed = bed.post("/v1/operations/" + newOp + "/retry", "", true);
    assertThat(SecurityFixture.code(confirmed)).isEqualTo("OPERATION_NOT_RETRYABLE");
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'operation.retry' AND result = 'SUCCESS'"
        + " AND target = ?", "operation:" + failedOp)).isEqualTo(1);
  }

  @Test
  void aQueuedOperationIsCancelledAndNothingIsEverSignedForIt() {
    long seat = verifiedSeat("op-ops-cancel");
    long op = approve(seat);
    assertThat(bed.get("/v1/operations/" + op).path("actions").path("cancel").asString()).isEqualTo("allowed");
    HttpResponse<String> noReason = bed.post("/v1/operations/" + op + "/cancel", "{\"reason\":\"\"}", true);
    assertThat(SecurityFixture.code(noReason)).isEqualTo("INVALID_REASON");
    HttpResponse<String> cancelled = bed.post("/v1/operations/" + op + "/cancel", "{\"reason\":\"wrong operator\"}", true);
    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    assertThat(SecurityFixture.json(cancelled).path("status").asString()).isEqualTo("CANCELLED");
    ticks(3);
    assertThat(count("SELECT count(*) FROM tx_intents WHERE operation_id = ?", op)).as("never signed").isZero();
    assertThat(bed.state(seat)).isEqualTo("DATA_VERIFIED");
    HttpResponse<String> again = bed.post("/v1/operations/" + op + "/cancel", "{\"reason\":\"again\"}", true);
    assertThat(SecurityFixture.code(again)).isEqualTo("OPERATION_NOT_CANCELLABLE");
    // the seat can move again
    bed.execute(approve(seat));
    assertThat(bed.state(seat)).isEqualTo("ALLOWLISTED");
  }

  @Test
  void aCancelOfAnOperationWithAnIntentIsRefusedWithTheReasonAndHasNoEffect() {
    long seat = verifiedSeat("op-ops-race");
    long op = approve(seat);
    // the cancel arrives right after the executor committed the intent (its nonce taken), before signing
    List<HttpResponse<String>> raced = new ArrayList<>();
    bed.probe.set((point, intentId) -> {
      if (point == PipelineProbe.Point.AFTER_INTENT_COMMITTED && raced.isEmpty()) {
        raced.add(bed.post("/v1/operations/" + op + "/cancel", "{\"reason\":\"race\"}", true));
      }
    });
    bed.execute(op);
    assertThat(raced).hasSize(1);
    assertThat(raced.get(0).statusCode()).isEqualTo(409);
    assertThat(SecurityFixture.code(raced.get(0))).isEqualTo("OPERATION_NOT_CANCELLABLE");
    assertThat(raced.get(0).body()).contains("intent").contains("replacement");
    assertThat(bed.operations.find(op).orElseThrow().status()).as("one effect: the chain's").isEqualTo(OperationStatus.CONFIRMED);
    assertThat(bed.state(seat)).isEqualTo("ALLOWLISTED");
  }

  @Test
  void lesserAndStolenCredentialsCanReadButNotRetryOrCancel() {
    long seat = verifiedSeat("op-ops-attack");
    long op = approve(seat);
    SecurityFixture.TestUser viewer = bed.fx.user(Role.VIEWER);
    SecurityFixture.TestUser operator = bed.fx.user(Role.OPERATOR);
    NewSession viewerSession = bed.fx.session(viewer);
    assertThat(bed.fx.getBearer("/v1/operations", viewerSession.token()).statusCode()).isEqualTo(200);
    assertThat(bed.fx.getBearer("/v1/operations/" + op, viewerSession.token()).statusCode()).isEqualTo(200);
    for (String action : new String[] {"retry", "cancel"}) {
      String path = "/v1/operations/" + op + "/" + action;
      String body = action.equals("cancel") ? "{\"reason\":\"attack\"}" : "";
      assertThat(bed.postAs(SeatTestbed.STATIC_TOKEN, path, body).statusCode()).as("static token " + action).isIn(401, 403);
      NewSession s = bed.fx.session(operator);
      HttpRequest asOperator = bed.fx.bearer(path, s.token()).header("Content-Type", "application/json")
          .header(StepUpService.HEADER, bed.fx.stepUpToken(s, operator, "POST " + path))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      assertThat(bed.api.send(asOperator).statusCode()).as("operator " + action).isEqualTo(403);
      assertThat(bed.post(path, body, false).statusCode()).as("admin without step-up " + action).isEqualTo(403);
      HttpResponse<String> otherRoute = bed.api.send(bed.fx.bearer(path, bed.adminToken).header("Content-Type", "application/json")
          .header(StepUpService.HEADER, bed.stepUpFor("POST /v1/operations/" + (op + 1000) + "/" + action))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build());
      assertThat(otherRoute.statusCode()).as("step-up for another operation " + action).isEqualTo(403);
    }
    assertThat(bed.operations.find(op).orElseThrow().status()).as("nothing changed").isEqualTo(OperationStatus.QUEUED);
    bed.execute(op);
  }
}
