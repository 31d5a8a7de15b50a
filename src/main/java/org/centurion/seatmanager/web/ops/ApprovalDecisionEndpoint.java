package org.centurion.seatmanager.web.ops;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.ops.ApprovalService;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;

/**
 * {@code POST /v1/approvals/{id}/approve} and {@code /reject} (issue 15): another ADMIN, with step-up,
 * decides on a pending approval; the last approval runs the action at once, as that ADMIN.
 */
public final class ApprovalDecisionEndpoint implements Endpoint {
  private final ApprovalGate gate;
  private final boolean approve;

  private ApprovalDecisionEndpoint(ApprovalGate gate, boolean approve) {
    this.gate = gate;
    this.approve = approve;
  }

  public static ApprovalDecisionEndpoint approve(ApprovalGate gate) {
    return new ApprovalDecisionEndpoint(gate, true);
  }

  public static ApprovalDecisionEndpoint reject(ApprovalGate gate) {
    return new ApprovalDecisionEndpoint(gate, false);
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/approvals/{id}/" + (approve ? "approve" : "reject"))
        .summary(approve ? "Approve a pending two-person approval (the last one runs the action)" : "Reject a pending approval")
        .sessions(Role.ADMIN).stepUp().response(Map.class)
        .errors("NOT_FOUND", ApprovalService.APPROVAL_NOT_PENDING, ApprovalService.APPROVAL_EXPIRED, ApprovalService.OWN_REQUEST,
            ApprovalService.ALREADY_VOTED, "INVALID_JSON").build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), approve ? "approval.approve" : "approval.reject");
    long id = OperationIds.of(r.ctx());
    AuditNotes.target(r.ctx(), "approval:" + id);
    OperationBodies.requireEmpty(r);
    ApprovalGate.Decision d = gate.decide(id, approve, r.caller());
    if (d.result().isPresent()) {
      AuditNotes.reason(r.ctx(), "approved by " + String.join(", ", d.approval().approvedBy()) + "; running "
          + d.approval().action() + " " + d.approval().target());
    }
    r.ctx().json(d.body());
  }
}
