package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.seats.SeatCommandRunner;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.ops.ApprovalService;
import org.centurion.seatmanager.web.ops.ApprovalGate;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Json;
import org.centurion.seatmanager.seats.SeatsFeature;
import org.centurion.seatmanager.web.seats.SeatPost;
import org.centurion.seatmanager.web.seats.SeatStatuses;
import org.centurion.seatmanager.seats.SeatReply;
import org.centurion.seatmanager.seats.TreasuryFieldGuard;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every seat action form does before and after the seat command it shares with the API route:
 * CSM-01 over the names of every field the browser sent (the forms carry no address at all), the
 * typed confirmation for irreversible actions, re-authentication for the actions whose API route
 * needs step-up (CSM-02), then {@link org.centurion.seatmanager.seats.SeatCommandRunner#submit} and the outcome as a notice. Any refusal is
 * an {@link ApiError} the console shows with its stable code.
 */
public final class SeatActionForm {
  /** Codes a console action adds to its API route's. */
  public static final List<String> FORM_ERRORS = List.of(Forms.INVALID_FORM, ErrorCodes.CONFIRMATION_MISMATCH,
      ErrorCodes.STEP_UP_FAILED, ErrorCodes.RATE_LIMITED);

  private final SeatsFeature seats;
  private final Reauthentication reauth;
  private final Pages pages;

  public SeatActionForm(SeatsFeature seats, Reauthentication reauth, Pages pages) {
    this.seats = seats;
    this.reauth = reauth;
    this.pages = pages;
  }

  public SeatsFeature seats() {
    return seats;
  }

  /**
   * @param auditAction the API route's audit action, so the log reads the same whichever door was used
   * @param signs as the API route: refused while writes are disabled
   */
  public void run(ApiRequest r, SeatAction action, String auditAction, boolean signs, Command command) {
    Context ctx = r.ctx();
    long id = confirm(r, action, auditAction);
    ObjectNode fieldNames = Json.mapper().createObjectNode();
    ctx.formParamMap().keySet().forEach(name -> fieldNames.put(name, ""));
    SeatReply reply = seats.runner().submit(fieldNames, r.caller(), signs, (body, caller, tx) -> command.run(id, r, tx));
    ctx.status(SeatStatuses.of(reply.outcome()));
    pages.render(ctx, "notice", Map.of("message", outcome(action, reply), "next", "/console/seats/" + id));
  }

  /**
   * Everything before the command: the audit names, CSM-01 over the field names, the typed
   * confirmation and re-authentication. Returns the seat id.
   */
  public long confirm(ApiRequest r, SeatAction action, String auditAction) {
    Context ctx = r.ctx();
    AuditNotes.action(ctx, auditAction);
    long id = SeatPost.seatId(r);
    AuditNotes.target(ctx, "seat:" + id);
    ObjectNode fieldNames = Json.mapper().createObjectNode();
    ctx.formParamMap().keySet().forEach(name -> fieldNames.put(name, ""));
    TreasuryFieldGuard.check(fieldNames);
    if (action.confirm() && !Forms.required(ctx, SeatAction.CONFIRM_FIELD).strip().equals(Long.toString(id))) {
      throw ApiError.badRequest(ErrorCodes.CONFIRMATION_MISMATCH,
          "type the seat id (" + id + ") to confirm; nothing was sent or changed");
    }
    if (action.stepUp()) {
      reauth.confirm(r);
    }
    return id;
  }

  /**
   * Issue 15: with two-person approval on, the action becomes a pending approval (after the same
   * confirmation and re-authentication), shown as a notice naming what it will do; false when one
   * ADMIN is enough and the action runs now.
   *
   * @param approvalAction the {@link ApprovalService} kind of the action
   */
  public boolean deferredForApproval(ApiRequest r, Optional<ApprovalGate> gate, SeatAction action, String auditAction,
      String approvalAction) {
    if (gate.isEmpty() || !gate.get().approvals().needed()) {
      return false;
    }
    long id = confirm(r, action, auditAction);
    ApprovalService.Approval pending = gate.get().seatAction(approvalAction, id, r.caller()).orElseThrow();
    AuditNotes.reason(r.ctx(), "approval " + pending.id() + " requested");
    r.ctx().status(202);
    notice(r, action.label() + " requested as approval " + pending.id() + ": " + pending.summary()
        + ". Another ADMIN must approve it (POST /v1/approvals/" + pending.id() + "/approve).", "/console/seats/" + id);
    return true;
  }

  /** A notice in place of the form's result. */
  public void notice(ApiRequest r, String message, String next) {
    pages.render(r.ctx(), "notice", Map.of("message", message, "next", next));
  }

  /** The seat command, as the API route calls it. */
  public interface Command {
    SeatReply run(long seatId, ApiRequest r, SeatCommandRunner.Committer tx);
  }

  @SuppressWarnings("unchecked")
  static String outcome(SeatAction action, SeatReply reply) {
    Map<String, Object> body = (Map<String, Object>) reply.body();
    if (body.get("operation") instanceof Map<?, ?> op) {
      Map<String, Object> seat = (Map<String, Object>) body.get("seat");
      return action.label() + ": queued as operation " + op.get("id") + " (" + op.get("kind")
          + "); the executor sends it and the seat moves on when the chain confirms it. The seat is "
          + seat.get("state") + ".";
    }
    return action.label() + ": done. The seat is now " + body.get("state") + ".";
  }
}
