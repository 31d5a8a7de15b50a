package org.centurion.seatmanager.web.auth;

import java.util.List;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecondFactors;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;

/**
 * {@code POST /v1/auth/recovery-codes}: new one-time recovery codes for the session's user (the old ones
 * stop working). Needs step-up, and the user has a second factor (else 409), so that step-up needed it.
 */
public final class RecoveryCodesEndpoint implements Endpoint {
  private final SecondFactors factors;

  public RecoveryCodesEndpoint(SecondFactors factors) {
    this.factors = factors;
  }

  /** Shown once. */
  public record RecoveryCodesIssued(List<String> recoveryCodes) {
    @Override
    public String toString() {
      return "RecoveryCodesIssued[redacted]";
    }
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/auth/recovery-codes").summary("Regenerate one's recovery codes (shown once)")
        .sessions(Role.VIEWER).stepUp().response(RecoveryCodesIssued.class)
        .errors(Requests.UNKNOWN_FIELD, StepUpService.REQUIRED, StepUpService.REPLAYED, SecondFactors.NONE_ENROLLED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "auth.recovery_codes_regenerate");
    Requests.noBody(r);
    r.ctx().json(new RecoveryCodesIssued(factors.regenerateRecoveryCodes(Requests.userId(r))));
  }
}
