package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.auth.PasskeyService;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;

/**
 * {@code POST /v1/auth/passkeys/assertion/options}: the options for {@code navigator.credentials.get},
 * limited to the session user's passkeys, and the id of their challenge. The assertion is finished by
 * {@code POST /v1/auth/step-up} (or a console form's re-authentication), the only thing it is good for.
 */
public final class PasskeyAssertionOptionsEndpoint implements Endpoint {
  private final PasskeyService passkeys;

  public PasskeyAssertionOptionsEndpoint(PasskeyService passkeys) {
    this.passkeys = passkeys;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/auth/passkeys/assertion/options")
        .summary("Begin a passkey assertion (WebAuthn) for step-up: request options and challenge id")
        .sessions(Role.VIEWER).response(PasskeyOptions.class)
        .errors(Requests.UNKNOWN_FIELD, PasskeyService.NONE_REGISTERED, PasskeyService.NOT_CONFIGURED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "auth.passkey_assertion_options");
    Requests.noBody(r);
    r.ctx().json(PasskeyOptions.of(passkeys.startAssertion(Requests.sessionId(r), Requests.userId(r))));
  }
}
