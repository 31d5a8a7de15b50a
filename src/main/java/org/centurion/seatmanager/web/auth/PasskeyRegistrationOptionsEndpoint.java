package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.auth.PasskeyService;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;

/**
 * {@code POST /v1/auth/passkeys/registration/options}: the options for {@code navigator.credentials.create}
 * and the id of their server-side challenge, for the session's own user. Needs step-up, like TOTP
 * enrolment: with a second factor enrolled that step-up needs it, so a stolen session cannot add its own
 * passkey; the first factor is enrolled with the password alone.
 */
public final class PasskeyRegistrationOptionsEndpoint implements Endpoint {
  /** Also one of the routes a production ADMIN without a second factor may step up for. */
  public static final EndpointSpec SPEC = EndpointSpec.post("/v1/auth/passkeys/registration/options")
      .summary("Begin passkey registration (WebAuthn): creation options and challenge id")
      .sessions(Role.VIEWER).stepUp().response(PasskeyOptions.class)
      .errors(Requests.UNKNOWN_FIELD, StepUpService.REQUIRED, StepUpService.REPLAYED, PasskeyService.NOT_CONFIGURED).build();

  private final PasskeyService passkeys;

  public PasskeyRegistrationOptionsEndpoint(PasskeyService passkeys) {
    this.passkeys = passkeys;
  }

  @Override
  public EndpointSpec spec() {
    return SPEC;
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "auth.passkey_registration_options");
    Requests.noBody(r);
    r.ctx().json(PasskeyOptions.of(passkeys.startRegistration(Requests.sessionId(r), Requests.userId(r))));
  }
}
