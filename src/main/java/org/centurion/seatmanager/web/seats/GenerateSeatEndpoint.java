package org.centurion.seatmanager.web.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Map;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.seats.SeatsFeature;

/** {@code POST /v1/seats/generate}: Managed key, vault, signed deposit data and seat as one unit. */
public final class GenerateSeatEndpoint implements Endpoint {
  private final SeatsFeature seats;

  public GenerateSeatEndpoint(SeatsFeature seats) {
    this.seats = seats;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/seats/generate").summary("Managed key, vault, signed deposit data and seat as one unit")
        .sessions(Role.ADMIN).stepUp().request(Map.class).response(Map.class)
        .errors(ErrorCodes.TREASURY_NOT_ALLOWED, ErrorCodes.WRITES_DISABLED, ErrorCodes.IDEMPOTENCY_KEY_REUSED, ErrorCodes.INVALID_IDEMPOTENCY_KEY, ErrorCodes.INVALID_STATE, ErrorCodes.OPERATION_PENDING, ErrorCodes.NOT_FOUND, ErrorCodes.CHAIN_UNAVAILABLE, ErrorCodes.CHAIN_NOT_CONFIGURED, ErrorCodes.MANAGED_KEYS_NOT_CONFIGURED, ErrorCodes.INVALID_ADDRESS, ErrorCodes.INVALID_OPERATOR_ID, ErrorCodes.OPERATOR_HAS_SEAT, ErrorCodes.FINALITY_CONFLICT).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "seat.generate");
    SeatPost.handle(seats.runner(), r, true, (body, caller, tx) -> seats.generate(body, caller, tx));
  }
}
