package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.PasskeyService;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecondFactors;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/auth/step-up {password, totp? | recoveryCode? | passkey?, route}}: re-prove the password
 * and, when the user has one, exactly one second factor, for a single-use, 5-minute step-up token that
 * admits only the named request. A passkey assertion is finished here: the browser answers the challenge
 * of {@code POST /v1/auth/passkeys/assertion/options} and sends {@code passkey: {challengeId, credential}}.
 */
public final class StepUpEndpoint implements Endpoint {
  private final StepUpService stepUp;

  public StepUpEndpoint(StepUpService stepUp) {
    this.stepUp = stepUp;
  }

  /** @param credential the browser's {@code PublicKeyCredential}, as JSON (WebAuthn's toJSON() shape) */
  public record PasskeyAssertion(String challengeId, JsonNode credential) {}

  /** @param route the one request the token is for: {@code "POST /v1/seats/42/settle"} */
  public record StepUpRequest(String password, String totp, String recoveryCode, PasskeyAssertion passkey,
      String route) {
    @Override
    public String toString() {
      return "StepUpRequest[redacted]";
    }

    SecondFactors.Proof proof() {
      return new SecondFactors.Proof(totp, recoveryCode, passkey == null ? null : passkey.challengeId(),
          passkey == null || passkey.credential() == null || passkey.credential().isNull() ? null
              : passkey.credential().toString());
    }
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/auth/step-up").summary("Step up: a short-lived token for irreversible operations")
        .sessions(Role.VIEWER).request(StepUpRequest.class).response(StepUpService.Issued.class)
        .errors(StepUpService.FAILED, StepUpService.INVALID_ROUTE, StepUpService.MFA_ENROLMENT_REQUIRED,
            PasskeyService.NOT_CONFIGURED, ErrorCodes.RATE_LIMITED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "auth.step_up");
    StepUpRequest req = Requests.body(r, StepUpRequest.class);
    StepUpService.Issued issued = stepUp.issueWith(Requests.sessionId(r), Requests.userId(r), req.password(), req.proof(),
        req.route());
    AuditNotes.reason(r.ctx(), "second factor: " + issued.secondFactor());
    r.ctx().json(issued);
  }
}
