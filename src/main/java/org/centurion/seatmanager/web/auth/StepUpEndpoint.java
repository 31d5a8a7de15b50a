package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code POST /v1/auth/step-up {password, totp?, route}}: re-prove the password (and TOTP) for a
 * single-use, 5-minute step-up token that admits only the named request.
 */
public final class StepUpEndpoint implements Endpoint {
  private final StepUpService stepUp;

  public StepUpEndpoint(StepUpService stepUp) {
    this.stepUp = stepUp;
  }

  /** @param route the one request the token is for: {@code "POST /v1/seats/42/settle"} */
  public record StepUpRequest(String password, String totp, String route) {
    @Override
    public String toString() {
      return "StepUpRequest[redacted]";
    }
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/auth/step-up").summary("Step up: a short-lived token for irreversible operations")
        .sessions(Role.VIEWER).request(StepUpRequest.class).response(StepUpService.Issued.class)
        .errors(StepUpService.FAILED, StepUpService.INVALID_ROUTE, ErrorCodes.RATE_LIMITED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "auth.step_up");
    StepUpRequest req = Requests.body(r, StepUpRequest.class);
    StepUpService.Issued issued = stepUp.issue(Requests.sessionId(r), Requests.userId(r), req.password(), req.totp(),
        req.route());
    r.ctx().json(issued);
  }
}
