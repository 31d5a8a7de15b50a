package org.centurion.seatmanager.web.ops;

import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.ops.EmergencyPause;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;

/** {@code POST /v1/executor/resume}: ends the emergency pause; ADMIN with step-up. */
public final class ResumeEndpoint implements Endpoint {
  static final String ACTION = "executor.resume";
  private final EmergencyPause pause;
  private final ApprovalGate gate;

  public ResumeEndpoint(EmergencyPause pause, ApprovalGate gate) {
    this.pause = pause;
    this.gate = gate;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/executor/resume").summary("End the emergency pause: the executor signs again")
        .sessions(Role.ADMIN).stepUp().request(PauseRequest.class).response(EmergencyPause.State.class)
        .errors(EmergencyPause.INVALID_REASON, EmergencyPause.NOT_PAUSED,
            org.centurion.seatmanager.ops.ApprovalService.APPROVAL_PENDING).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), ACTION);
    AuditNotes.target(r.ctx(), "executor");
    String reason = PauseBodies.reason(r);
    if (!pause.current().paused()) {
      throw org.centurion.seatmanager.problem.Problem.conflict(EmergencyPause.NOT_PAUSED, "the executor is not paused");
    }
    java.util.Optional<org.centurion.seatmanager.ops.ApprovalService.Approval> pending = gate.resume(reason, r.caller());
    if (pending.isPresent()) {
      AuditNotes.reason(r.ctx(), "approval " + pending.get().id() + " requested");
      r.ctx().status(202).json(ApprovalGate.pendingAnswer(pending.get()));
      return;
    }
    EmergencyPause.State now = pause.resume(r.caller().name(), reason);
    AuditNotes.reason(r.ctx(), "resumed: " + now.reason().orElse(""));
    r.ctx().json(now);
  }
}
