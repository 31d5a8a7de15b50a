package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SecondFactors;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code GET /v1/users/{id}/mfa}: a user's second factors (TOTP on or off, passkey labels and dates, how
 * many recovery codes are left), never a secret. One's own for everyone; anyone's for an ADMIN.
 */
public final class MfaStatusEndpoint implements Endpoint {
  private final SecondFactors factors;

  public MfaStatusEndpoint(SecondFactors factors) {
    this.factors = factors;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/users/{id}/mfa").summary("A user's second factors: own, or anyone's as ADMIN")
        .users(Role.VIEWER).response(SecondFactors.Status.class).errors("NOT_FOUND").build();
  }

  @Override
  public void handle(ApiRequest r) {
    long target = Requests.id(r.ctx(), "id");
    boolean admin = r.caller().role().filter(role -> role == Role.ADMIN).isPresent();
    boolean self = r.caller().userId().filter(id -> id == target).isPresent();
    if (!admin && !self) {
      throw ApiError.forbidden("FORBIDDEN", "only an ADMIN may see another user's second factors");
    }
    r.ctx().json(factors.status(target));
  }
}
