package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.TotpService;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code POST /v1/auth/totp/confirm}: a first valid code turns the pending enrolment on. When it is the
 * user's first second factor the answer carries their recovery codes, shown this once.
 */
public final class TotpConfirmEndpoint implements Endpoint {
  private final TotpService totp;

  public TotpConfirmEndpoint(TotpService totp) {
    this.totp = totp;
  }

  public record ConfirmRequest(String totp) {
    @Override
    public String toString() {
      return "ConfirmRequest[redacted]";
    }
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/auth/totp/confirm").summary("Confirm TOTP enrolment with a first code")
        .sessions(Role.VIEWER).request(ConfirmRequest.class).response(TotpService.Confirmed.class)
        .errors(TotpService.INVALID, TotpService.NOT_PENDING).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "auth.totp_confirm");
    ConfirmRequest req = Requests.body(r, ConfirmRequest.class);
    TotpService.Confirmed c = totp.confirm(Requests.userId(r), req.totp());
    if (!c.recoveryCodes().isEmpty()) {
      AuditNotes.reason(r.ctx(), "recovery codes issued");
    }
    r.ctx().json(c);
  }
}
