package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.auth.TotpService;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code POST /v1/auth/totp}: start (or replace) TOTP enrolment. Needs step-up, so a stolen session
 * cannot swap an enrolled authenticator for its own: with a second factor enrolled that step-up needs
 * it; without one (the first enrolment) the password suffices, also for a production ADMIN. The
 * enrolled secret stays in force until the new one is confirmed.
 */
public final class TotpEnrolEndpoint implements Endpoint {
  /** Also one of the routes a production ADMIN without a second factor may step up for. */
  public static final EndpointSpec SPEC = EndpointSpec.post("/v1/auth/totp").summary("Begin TOTP enrolment (RFC 6238)")
      .sessions(Role.VIEWER).stepUp().response(TotpService.Enrolment.class)
      .errors(StepUpService.REQUIRED, StepUpService.REPLAYED).build();

  private final TotpService totp;

  public TotpEnrolEndpoint(TotpService totp) {
    this.totp = totp;
  }

  @Override
  public EndpointSpec spec() {
    return SPEC;
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "auth.totp_enrol");
    r.ctx().json(totp.begin(Requests.userId(r)));
  }
}
