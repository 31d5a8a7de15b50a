package org.centurion.seatmanager.seats;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.centurion.seatmanager.auth.NewSession;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetValidatorKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * Two-person approval (issue 15) with SEAT_MANAGER_APPROVALS_REQUIRED=2, on the devnet with the real
 * executor: a deposit requested by one ADMIN queues nothing (refused with one), the requester cannot
 * approve it, a second ADMIN's approval sends it; a force-exit (asked in the console) and a settlement
 * wait for a second ADMIN the same way, and one the seat cannot take now opens no approval at all; a
 * resume needs a second ADMIN too; a rejected request runs nothing.
 */
class TwoPersonApprovalDevnetTest {
  static SeatTestbed bed;
  static final String BENEFICIARY = DevnetAccounts.account(DevnetAccounts.BENEFICIARY).getAddress();

  @BeforeAll
  static void start() throws Exception {
    bed = new SeatTestbed(Map.of("SEAT_MANAGER_APPROVALS_REQUIRED", "2"));
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  private static long count(String sql, Object... binds) {
    return bed.count(sql, binds);
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
    bed.execute(SecurityFixture.json(bed.post("/v1/seats/" + id + "/approve", "", false)).path("operation").path("id").asLong());
    return id;
  }

  /** A POST as {@code user} with a step-up token bound to exactly this request. */
  private static HttpResponse<String> postAs(SecurityFixture.TestUser user, String path, String body) {
    NewSession s = bed.fx.session(user);
    return bed.api.send(bed.fx.bearer(path, s.token()).header("Content-Type", "application/json")
        .header(StepUpService.HEADER, bed.fx.stepUpToken(s, user, "POST " + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  @Test
  void aDepositNeedingTwoAdminsIsRefusedWithOneAndSentWithTwo() {
    long seat = allowlistedSeat("op-2p-deposit");
    long opsBefore = count("SELECT count(*) FROM operations WHERE seat_id = ?", seat);
    HttpResponse<String> requested = bed.post("/v1/seats/" + seat + "/deposit", "", true);
    assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
    JsonNode approval = SecurityFixture.json(requested).path("approval");
    long approvalId = approval.path("id").asLong();
    assertThat(approval.path("status").asString()).isEqualTo("PENDING");
    assertThat(approval.path("summary").asString()).contains("32 CTN").contains(bed.get("/v1/seats/" + seat).path("pubkey").asString())
        .contains(bed.get("/v1/seats/" + seat).path("vault").asString()).contains("deposit(pubkey");
    assertThat(count("SELECT count(*) FROM operations WHERE seat_id = ?", seat)).as("nothing queued with one ADMIN").isEqualTo(opsBefore);
    HttpResponse<String> again = bed.post("/v1/seats/" + seat + "/deposit", "", true);
    assertThat(SecurityFixture.code(again)).isEqualTo("APPROVAL_PENDING");

    // the requester cannot approve their own request
    HttpResponse<String> own = postAs(bed.admin, "/v1/approvals/" + approvalId + "/approve", "");
    assertThat(own.statusCode()).isEqualTo(403);
    assertThat(SecurityFixture.code(own)).isEqualTo("APPROVAL_OWN_REQUEST");
    // nor can an OPERATOR, nor an ADMIN without step-up
    SecurityFixture.TestUser operator = bed.fx.user(Role.OPERATOR);
    assertThat(postAs(operator, "/v1/approvals/" + approvalId + "/approve", "").statusCode()).isEqualTo(403);
    SecurityFixture.TestUser second = bed.fx.user(Role.ADMIN);
    NewSession s = bed.fx.session(second);
    HttpResponse<String> noStepUp = bed.api.send(bed.fx.bearer("/v1/approvals/" + approvalId + "/approve", s.token())
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("")).build());
    assertThat(noStepUp.statusCode()).isEqualTo(403);
    assertThat(bed.fx.getBearer("/v1/approvals", bed.adminToken).body()).contains("\"id\":" + approvalId);
    assertThat(count("SELECT count(*) FROM operations WHERE seat_id = ?", seat)).isEqualTo(opsBefore);

    HttpResponse<String> approved = postAs(second, "/v1/approvals/" + approvalId + "/approve", "");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    JsonNode body = SecurityFixture.json(approved);
    assertThat(body.path("approval").path("status").asString()).isEqualTo("APPROVED");
    assertThat(body.path("approval").path("approvedBy").toString()).contains(bed.admin.username()).contains(second.username());
    long op = body.path("result").path("operation").path("id").asLong();
    assertThat(body.path("result").path("operation").path("kind").asString()).isEqualTo("DEPOSIT");
    bed.execute(op);
    assertThat(bed.state(seat)).isEqualTo("DEPOSITED");
    HttpResponse<String> twice = postAs(bed.fx.user(Role.ADMIN), "/v1/approvals/" + approvalId + "/approve", "");
    assertThat(SecurityFixture.code(twice)).isEqualTo("APPROVAL_NOT_PENDING");
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'approval.approve' AND result = 'SUCCESS'"
        + " AND target = ?", "approval:" + approvalId)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'approval.approve' AND result IN ('DENIED', 'FAILED')"
        + " AND target = ?", "approval:" + approvalId)).isGreaterThanOrEqualTo(2);
  }

  /** The pending approval's id from a 202 answer; nothing may have been queued for the seat by it. */
  private static long pendingApproval(HttpResponse<String> r, long seat, long opsBefore, String... summaryHas) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode approval = SecurityFixture.json(r).path("approval");
    assertThat(approval.path("status").asString()).isEqualTo("PENDING");
    assertThat(approval.path("summary").asString()).contains(summaryHas);
    assertThat(count("SELECT count(*) FROM operations WHERE seat_id = ?", seat)).as("nothing queued with one ADMIN")
        .isEqualTo(opsBefore);
    return approval.path("id").asLong();
  }

  /** A second ADMIN approves; the answer carries the operation the action queued, which is executed. */
  private static void approvedAndExecuted(long approvalId, String kind) {
    HttpResponse<String> approved = postAs(bed.fx.user(Role.ADMIN), "/v1/approvals/" + approvalId + "/approve", "");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    JsonNode op = SecurityFixture.json(approved).path("result").path("operation");
    assertThat(op.path("kind").asString()).isEqualTo(kind);
    bed.execute(op.path("id").asLong());
  }

  @Test
  void aForceExitAndASettlementWaitForASecondAdminAndNothingTheSeatCannotTakeIsOffered() {
    long seat = allowlistedSeat("op-2p-exit");
    approvedAndExecuted(pendingApproval(bed.post("/v1/seats/" + seat + "/deposit", "", true), seat,
        count("SELECT count(*) FROM operations WHERE seat_id = ?", seat), "32 CTN"), "DEPOSIT");
    String validator = bed.get("/v1/seats/" + seat).path("pubkey").asString();
    bed.devnet.advanceEpochs(1);
    bed.watcherMove(seat, SeatState.DEPOSITED, SeatState.SEEN_BY_CL);
    bed.devnet.advanceEpochs(3);
    bed.watcherMove(seat, SeatState.SEEN_BY_CL, SeatState.ACTIVE);

    // a settlement the seat cannot take now opens no approval
    long approvalsBefore = count("SELECT count(*) FROM approvals WHERE target = ?", "seat:" + seat);
    HttpResponse<String> tooSoon = bed.post("/v1/seats/" + seat + "/settle", "", true);
    assertThat(tooSoon.statusCode()).as(tooSoon.body()).isEqualTo(409);
    assertThat(SecurityFixture.code(tooSoon)).isEqualTo("INVALID_STATE");
    assertThat(count("SELECT count(*) FROM approvals WHERE target = ?", "seat:" + seat)).isEqualTo(approvalsBefore);

    bed.devnet.advanceEpochs(SeatTestbed.BEACON.shardCommitteePeriod() + 1);
    long ops = count("SELECT count(*) FROM operations WHERE seat_id = ?", seat);
    HttpResponse<String> consoleExit = bed.consoleAction(seat, "force-exit");
    assertThat(consoleExit.statusCode()).as(consoleExit.body()).isEqualTo(202);
    assertThat(consoleExit.body()).contains("Another ADMIN must approve it");
    long exitApproval = SecurityFixture.json(bed.fx.getBearer("/v1/approvals", bed.adminToken)).path("approvals").valueStream()
        .filter(a -> a.path("target").asString().equals("seat:" + seat) && a.path("action").asString().equals("seat.force_exit"))
        .findFirst().orElseThrow().path("id").asLong();
    assertThat(count("SELECT count(*) FROM operations WHERE seat_id = ?", seat)).isEqualTo(ops);
    assertThat(count("SELECT count(*) FROM approvals WHERE id = ? AND summary LIKE '%triggerValidatorExit%' AND summary LIKE ?",
        exitApproval, "%" + validator + "%")).isEqualTo(1);
    approvedAndExecuted(exitApproval, "TRIGGER_EXIT");
    assertThat(bed.state(seat)).isEqualTo("EXIT_REQUESTED");

    for (int i = 0; i < 12 && !"withdrawal_done".equals(bed.beaconStatus(validator)); i++) {
      bed.devnet.advanceEpochs(1);
    }
    bed.watcherMove(seat, SeatState.EXIT_REQUESTED, SeatState.EXITED);
    long settleApproval = pendingApproval(bed.post("/v1/seats/" + seat + "/settle", "", true), seat,
        count("SELECT count(*) FROM operations WHERE seat_id = ?", seat), "proposeSettlement", "principal first");
    approvedAndExecuted(settleApproval, "PROPOSE_SETTLEMENT");
    assertThat(bed.state(seat)).isEqualTo("SETTLING");
  }

  @Test
  void theConsoleShowsWhatWaitsAndASecondAdminApprovesThereWithTheirPassword() {
    assertThat(bed.post("/v1/executor/pause", "{\"reason\":\"console approvals test\"}", true).statusCode()).isEqualTo(200);
    HttpResponse<String> requested = bed.post("/v1/executor/resume", "{\"reason\":\"the incident is over\"}", true);
    long id = SecurityFixture.json(requested).path("approval").path("id").asLong();

    String mine = bed.consolePageAs(bed.admin, "/console/approvals").body();
    assertThat(mine).contains("id=\"approval-" + id + "\"").contains("resume the executor").contains("the incident is over")
        .contains("id=\"approval-" + id + "-own\"").doesNotContain("id=\"approve-" + id + "\"");
    assertThat(bed.consolePageAs(bed.fx.user(Role.OPERATOR), "/console/approvals").statusCode()).isEqualTo(403);

    SecurityFixture.TestUser second = bed.fx.user(Role.ADMIN);
    String theirs = bed.consolePageAs(second, "/console/approvals").body();
    assertThat(theirs).contains("id=\"approve-" + id + "\"").contains("href=\"/console/approvals\"");
    String path = "/console/approvals/" + id + "/approve";
    HttpResponse<String> noPassword = bed.consoleFormAs(second, path, Map.of());
    assertThat(noPassword.statusCode()).isEqualTo(400);
    assertThat(noPassword.body()).contains("data-error-code=\"INVALID_FORM\"");
    HttpResponse<String> wrong = bed.consoleFormAs(second, path, Map.of("confirmPassword", second.password() + "x"));
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body()).contains("data-error-code=\"STEP_UP_FAILED\"");
    HttpResponse<String> own = bed.consoleFormAs(bed.admin, path, Map.of("confirmPassword", bed.admin.password()));
    assertThat(own.body()).contains("data-error-code=\"APPROVAL_OWN_REQUEST\"");
    assertThat(bed.get("/v1/executor/pause").path("paused").asBoolean()).isTrue();

    HttpResponse<String> approved = bed.consoleFormAs(second, path, Map.of("confirmPassword", second.password()));
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(approved.body()).contains("approved by").contains(second.username()).contains("executor.resume ran");
    assertThat(bed.get("/v1/executor/pause").path("paused").asBoolean()).isFalse();
    assertThat(bed.consolePageAs(second, "/console/approvals").body()).doesNotContain("id=\"approval-" + id + "\"");
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'approval.approve' AND result = 'SUCCESS' AND target = ?",
        "approval:" + id)).isEqualTo(1);
  }

  @Test
  void aResumeNeedsASecondAdminAndARejectedRequestRunsNothing() {
    assertThat(bed.post("/v1/executor/pause", "{\"reason\":\"two-person test\"}", true).statusCode()).isEqualTo(200);
    HttpResponse<String> first = bed.post("/v1/executor/resume", "{\"reason\":\"looks fine\"}", true);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    long rejectedId = SecurityFixture.json(first).path("approval").path("id").asLong();
    assertThat(bed.get("/v1/executor/pause").path("paused").asBoolean()).as("still paused with one ADMIN").isTrue();
    SecurityFixture.TestUser second = bed.fx.user(Role.ADMIN);
    HttpResponse<String> rejected = postAs(second, "/v1/approvals/" + rejectedId + "/reject", "");
    assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
    assertThat(SecurityFixture.json(rejected).path("approval").path("status").asString()).isEqualTo("REJECTED");
    assertThat(bed.get("/v1/executor/pause").path("paused").asBoolean()).isTrue();

    long approvalId = SecurityFixture.json(bed.post("/v1/executor/resume", "{\"reason\":\"really fine\"}", true))
        .path("approval").path("id").asLong();
    HttpResponse<String> approved = postAs(second, "/v1/approvals/" + approvalId + "/approve", "");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(bed.get("/v1/executor/pause").path("paused").asBoolean()).isFalse();
    assertThat(bed.get("/v1/executor/pause").path("changedBy").asString()).contains(bed.admin.username()).contains(second.username());
  }
}
