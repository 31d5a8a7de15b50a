package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code POST /v1/auth/step-up}: re-prove the password (and TOTP) for a 5-minute step-up token. */
public final class StepUpEndpoint implements Endpoint {
  private final StepUpService stepUp;

  public StepUpEndpoint(StepUpService stepUp) {
    this.stepUp = stepUp;
  }

  public record StepUpRequest(String password, String totp) {
    @Override
    public String toString() {
      return "StepUpRequest[redacted]";
    }
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/auth/step-up").summary("Step up: a short-lived token for irreversible operations")
        .sessions(Role.VIEWER).request(StepUpRequest.class).response(StepUpService.Issued.class)
        .errors("STEP_UP_FAILED", "RATE_LIMITED").build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "auth.step_up");
    StepUpRequest req = Requests.body(r, StepUpRequest.class);
    StepUpService.Issued issued = stepUp.issue(Requests.sessionId(r), Requests.userId(r), req.password(), req.totp());
    r.ctx().json(issued);
  }
}
