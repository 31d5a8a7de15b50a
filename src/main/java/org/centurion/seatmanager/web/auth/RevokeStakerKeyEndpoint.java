package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Map;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.StakerKeyService;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code DELETE /v1/staker-keys/{id}}: revokes a key at once. */
public final class RevokeStakerKeyEndpoint implements Endpoint {
  private final StakerKeyService keys;

  public RevokeStakerKeyEndpoint(StakerKeyService keys) {
    this.keys = keys;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.delete("/v1/staker-keys/{id}").summary("Revoke a staker API key")
        .users(Role.ADMIN).response(Map.class).errors(ErrorCodes.NOT_FOUND).build();
  }

  @Override
  public void handle(ApiRequest r) {
    long id = Requests.id(r.ctx(), "id");
    AuditNotes.action(r.ctx(), "staker_key.revoke");
    AuditNotes.target(r.ctx(), "staker-key:" + id);
    if (!keys.revoke(id)) {
      throw ApiError.notFound("no such live staker key");
    }
    r.ctx().json(Map.of("status", "revoked"));
  }
}
