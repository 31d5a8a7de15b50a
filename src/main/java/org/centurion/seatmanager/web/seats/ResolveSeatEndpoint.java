package org.centurion.seatmanager.web.seats;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.seats.SeatsFeature;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;

/**
 * {@code POST /v1/seats/{id}/resolve}: an EXCEPTION seat back to the state the chain's evidence
 * supports (issue 15), with a written reason; the caller never names the state.
 */
public final class ResolveSeatEndpoint implements Endpoint {
  private final SeatsFeature seats;

  public ResolveSeatEndpoint(SeatsFeature seats) {
    this.seats = seats;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/seats/{id}/resolve")
        .summary("Resolve an EXCEPTION seat to the state the chain's evidence supports (body: reason)")
        .users(Role.ADMIN).stepUp().request(Map.class).response(Map.class)
        .errors(ErrorCodes.TREASURY_NOT_ALLOWED, ErrorCodes.IDEMPOTENCY_KEY_REUSED, ErrorCodes.INVALID_IDEMPOTENCY_KEY,
            ErrorCodes.INVALID_REASON, ErrorCodes.INVALID_STATE, ErrorCodes.OPERATION_PENDING, ErrorCodes.NOT_FOUND,
            ErrorCodes.EXCEPTION_UNRESOLVED, ErrorCodes.VAULT_BINDING_FAILED, ErrorCodes.CHAIN_UNAVAILABLE,
            ErrorCodes.CHAIN_NOT_CONFIGURED, ErrorCodes.BEACON_UNAVAILABLE, ErrorCodes.BEACON_ENDPOINTS_DISAGREE,
            ErrorCodes.BEACON_NOT_CONFIGURED)
        .build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "seat.resolve");
    long id = SeatPost.seatId(r);
    AuditNotes.target(r.ctx(), "seat:" + id);
    SeatPost.handle(seats.runner(), r, false, (body, caller, tx) -> seats.resolution().resolve(id, body, caller, tx));
  }
}
