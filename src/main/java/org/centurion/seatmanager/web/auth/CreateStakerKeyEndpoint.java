package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.time.Instant;
import java.util.Optional;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.StakerKey;
import org.centurion.seatmanager.auth.StakerKeyService;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code POST /v1/staker-keys}: a read-only key bound to one address, returned this once. */
public final class CreateStakerKeyEndpoint implements Endpoint {
  private final StakerKeyService keys;

  public CreateStakerKeyEndpoint(StakerKeyService keys) {
    this.keys = keys;
  }

  public record CreateStakerKeyRequest(String stakerAddress, String label, Instant expiresAt) {}

  public record CreateStakerKeyResponse(StakerKey key, String apiKey) {
    @Override
    public String toString() {
      return "CreateStakerKeyResponse[" + key + ", apiKey redacted]";
    }
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/staker-keys").summary("Create a staker API key (shown once)")
        .sessions(Role.ADMIN).stepUp().request(CreateStakerKeyRequest.class)
        .response(CreateStakerKeyResponse.class).errors(ErrorCodes.INVALID_ADDRESS, ErrorCodes.INVALID_LABEL, ErrorCodes.INVALID_EXPIRY).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "staker_key.create");
    CreateStakerKeyRequest req = Requests.body(r, CreateStakerKeyRequest.class);
    StakerKeyService.Created c = keys.create(req.stakerAddress(), req.label(), Optional.ofNullable(req.expiresAt()),
        r.caller().name());
    AuditNotes.target(r.ctx(), "staker-key:" + c.key().id() + " " + c.key().stakerAddress());
    r.ctx().status(201).json(new CreateStakerKeyResponse(c.key(), c.secret()));
  }
}
