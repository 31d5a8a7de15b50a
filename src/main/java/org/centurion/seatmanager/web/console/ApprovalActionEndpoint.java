package org.centurion.seatmanager.web.console;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.ops.ApprovalService;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.web.ops.ApprovalGate;

/**
 * {@code POST /console/approvals/{id}/approve} and {@code /reject}: the console's buttons for
 * {@code POST /v1/approvals/{id}/approve|reject} (ADMIN, re-authenticated with the password in the
 * form); the last approval runs the action as this ADMIN, and the notice says what it did.
 */
public final class ApprovalActionEndpoint implements Endpoint {
  private final ApprovalGate gate;
  private final Reauthentication reauth;
  private final Pages pages;
  private final boolean approve;

  private ApprovalActionEndpoint(ApprovalGate gate, Reauthentication reauth, Pages pages, boolean approve) {
    this.gate = gate;
    this.reauth = reauth;
    this.pages = pages;
    this.approve = approve;
  }

  public static ApprovalActionEndpoint approve(ApprovalGate gate, Reauthentication reauth, Pages pages) {
    return new ApprovalActionEndpoint(gate, reauth, pages, true);
  }

  public static ApprovalActionEndpoint reject(ApprovalGate gate, Reauthentication reauth, Pages pages) {
    return new ApprovalActionEndpoint(gate, reauth, pages, false);
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/console/approvals/{id}/" + (approve ? "approve" : "reject"))
        .summary(approve ? "Console: approve a pending approval; the last one runs the action (form: confirmPassword[, totp])"
            : "Console: reject a pending approval (form: confirmPassword[, totp])")
        .sessions(Role.ADMIN).html().errors(Forms.INVALID_FORM, "STEP_UP_FAILED", "RATE_LIMITED", "NOT_FOUND",
            ApprovalService.APPROVAL_NOT_PENDING, ApprovalService.APPROVAL_EXPIRED, ApprovalService.OWN_REQUEST,
            ApprovalService.ALREADY_VOTED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), approve ? "approval.approve" : "approval.reject");
    long id = org.centurion.seatmanager.web.ops.OperationIds.of(r.ctx());
    AuditNotes.target(r.ctx(), "approval:" + id);
    reauth.confirm(r);
    ApprovalGate.Decision d = gate.decide(id, approve, r.caller());
    ApprovalService.Approval a = d.approval();
    String message;
    if (d.result().isPresent()) {
      AuditNotes.reason(r.ctx(), "approved by " + String.join(", ", a.approvedBy()) + "; running " + a.action() + " " + a.target());
      message = "Approval " + id + " approved by " + String.join(" and ", a.approvedBy()) + ": " + a.action() + " ran. "
          + outcome(d.result().get());
    } else if (a.status().equals("REJECTED")) {
      message = "Approval " + id + " rejected: nothing was done.";
    } else {
      message = "Approval " + id + " has " + a.approvedBy().size() + " of " + a.required() + " approvals.";
    }
    pages.render(r.ctx(), "notice", Map.of("message", message, "next", a.target().startsWith("seat:")
        ? "/console/seats/" + a.target().substring("seat:".length()) : "/console/approvals"));
  }

  /** What the action answered, in a sentence: the operation it queued, or the state it reached. */
  private static String outcome(Object result) {
    if (result instanceof Map<?, ?> m && m.get("operation") instanceof Map<?, ?> op) {
      return "Queued as operation " + op.get("id") + " (" + op.get("kind") + "); the executor sends it.";
    }
    return "Done.";
  }
}
