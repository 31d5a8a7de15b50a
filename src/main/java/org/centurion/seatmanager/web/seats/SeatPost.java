package org.centurion.seatmanager.web.seats;

import java.util.Optional;
import org.centurion.seatmanager.ops.ApprovalService;
import org.centurion.seatmanager.seats.SeatCommandRunner;
import org.centurion.seatmanager.seats.SeatIdempotency;
import org.centurion.seatmanager.seats.SeatInput;
import org.centurion.seatmanager.seats.TreasuryFieldGuard;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Json;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.web.ops.ApprovalGate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web half of a seat POST: reads the body (strict JSON), the route and the Idempotency-Key
 * from the request, hands them to {@link SeatCommandRunner}, and writes its answer.
 */
public final class SeatPost {
  private static final JsonMapper JSON = Json.mapper();

  private SeatPost() {}

  /** @param signs the route may sign or send a transaction: refused while writes are disabled */
  public static void handle(SeatCommandRunner runner, ApiRequest req, boolean signs, SeatCommandRunner.Command command) {
    handle(runner, req, signs, false, command);
  }

  /** For command routes that read no body field (approve, deposit, revoke, settle, force-exit). */
  public static void handleWithoutFields(SeatCommandRunner runner, ApiRequest req, boolean signs,
      SeatCommandRunner.Command command) {
    handle(runner, req, signs, true, command);
  }

  private static void handle(SeatCommandRunner runner, ApiRequest req, boolean signs, boolean noFields,
      SeatCommandRunner.Command command) {
    byte[] raw = req.ctx().bodyAsBytes();
    JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
    // CSM-01 names are refused in the query string as in the body; a route that reads no field
    // refuses any (after CSM-01, so a treasury override is still named as such)
    TreasuryFieldGuard.checkQuery(req.ctx().queryParamMap().keySet());
    TreasuryFieldGuard.check(body);
    if (noFields) {
      SeatInput.noFields(body);
    }
    SeatCommandRunner.Request request = new SeatCommandRunner.Request("POST " + req.ctx().path(), req.caller(),
        Optional.ofNullable(req.ctx().header(SeatIdempotency.HEADER)), SeatCommandRunner.sha256(raw), body);
    SeatCommandRunner.Answer answer = runner.run(request, signs, command);
    if (answer.replayed()) {
      AuditNotes.reason(req.ctx(), "idempotent replay");
    }
    req.ctx().status(SeatStatuses.of(answer.outcome())).contentType("application/json").result(answer.json());
  }

  /**
   * Issue 15: with two-person approval on, a seat write (deposit, force-exit, settlement) becomes a
   * pending approval, answered 202 after the same input checks as the write itself, instead of running.
   *
   * @return false when the write runs now (one ADMIN is enough, or no gate in this composition)
   */
  public static boolean deferredForApproval(ApiRequest req, Optional<ApprovalGate> gate, String action, long seatId) {
    if (gate.isEmpty() || !gate.get().approvals().needed()) {
      return false;
    }
    byte[] raw = req.ctx().bodyAsBytes();
    JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
    TreasuryFieldGuard.checkQuery(req.ctx().queryParamMap().keySet());
    TreasuryFieldGuard.check(body);
    SeatInput.noFields(body);
    ApprovalService.Approval pending = gate.get().seatAction(action, seatId, req.caller()).orElseThrow();
    AuditNotes.reason(req.ctx(), "approval " + pending.id() + " requested");
    req.ctx().status(202).json(ApprovalGate.pendingAnswer(pending));
    return true;
  }

  /** The seat id of the route's {@code {id}}. */
  public static long seatId(ApiRequest r) {
    return SeatInput.seatId(r.ctx().pathParam("id"));
  }
}
