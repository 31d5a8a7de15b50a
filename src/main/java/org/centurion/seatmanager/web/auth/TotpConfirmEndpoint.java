package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Map;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.TotpService;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code POST /v1/auth/totp/confirm}: a first valid code turns the pending enrolment on. */
public final class TotpConfirmEndpoint implements Endpoint {
  private final TotpService totp;

  public TotpConfirmEndpoint(TotpService totp) {
    this.totp = totp;
  }

  public record ConfirmRequest(String totp) {}

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/auth/totp/confirm").summary("Confirm TOTP enrolment with a first code")
        .sessions(Role.VIEWER).request(ConfirmRequest.class).response(Map.class)
        .errors(ErrorCodes.TOTP_INVALID, ErrorCodes.TOTP_NOT_PENDING).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "auth.totp_confirm");
    ConfirmRequest req = Requests.body(r, ConfirmRequest.class);
    totp.confirm(Requests.userId(r), req.totp());
    r.ctx().json(Map.of("totpEnabled", true));
  }
}
