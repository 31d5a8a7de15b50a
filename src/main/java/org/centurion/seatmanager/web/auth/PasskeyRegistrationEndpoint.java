package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.auth.PasskeyService;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/auth/passkeys/registration {challengeId, credential, label?}}: finishes a registration
 * begun by this session. The challenge is the session's own (another session's, a used or an expired one is
 * refused), so a passkey can only ever be added to the session's user. With the user's first second factor
 * the answer carries the recovery codes, shown this once.
 */
public final class PasskeyRegistrationEndpoint implements Endpoint {
  private final PasskeyService passkeys;

  public PasskeyRegistrationEndpoint(PasskeyService passkeys) {
    this.passkeys = passkeys;
  }

  /** @param credential the browser's {@code PublicKeyCredential}, as JSON */
  public record RegistrationRequest(String challengeId, JsonNode credential, String label) {}

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/auth/passkeys/registration").summary("Finish passkey registration (WebAuthn)")
        .sessions(Role.VIEWER).request(RegistrationRequest.class).response(PasskeyService.Registered.class)
        .errors(PasskeyService.CHALLENGE_INVALID, PasskeyService.REGISTRATION_FAILED, PasskeyService.INVALID_LABEL,
            PasskeyService.NOT_CONFIGURED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "auth.passkey_register");
    RegistrationRequest req = Requests.body(r, RegistrationRequest.class);
    if (req.credential() == null || !req.credential().isObject()) {
      throw ApiError.badRequest(PasskeyService.REGISTRATION_FAILED, "credential (the PublicKeyCredential) is required");
    }
    PasskeyService.Registered done = passkeys.finishRegistration(Requests.sessionId(r), Requests.userId(r),
        req.challengeId(), req.credential().toString(), req.label());
    AuditNotes.target(r.ctx(), "passkey:" + done.id());
    if (!done.recoveryCodes().isEmpty()) {
      AuditNotes.reason(r.ctx(), "recovery codes issued");
    }
    r.ctx().json(done);
  }
}
