package org.centurion.seatmanager.web.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Map;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.seats.SeatsFeature;

/** {@code POST /v1/seats/{id}/approve}: Write the allowlist intent for (pubkey, credentials, 32 CTN, router). */
public final class ApproveSeatEndpoint implements Endpoint {
  private final SeatsFeature seats;

  public ApproveSeatEndpoint(SeatsFeature seats) {
    this.seats = seats;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/seats/{id}/approve").summary("Write the allowlist intent for (pubkey, credentials, 32 CTN, router)")
        .users(Role.ADMIN).request(Map.class).response(Map.class)
        .errors(ErrorCodes.TREASURY_NOT_ALLOWED, ErrorCodes.WRITES_DISABLED, ErrorCodes.IDEMPOTENCY_KEY_REUSED, ErrorCodes.INVALID_IDEMPOTENCY_KEY, ErrorCodes.INVALID_STATE, ErrorCodes.OPERATION_PENDING, ErrorCodes.NOT_FOUND, ErrorCodes.CHAIN_UNAVAILABLE, ErrorCodes.CHAIN_NOT_CONFIGURED, ErrorCodes.ALLOWLIST_ADMIN_NOT_ROUTER, ErrorCodes.INTENT_ALREADY_ACTIVE, ErrorCodes.FINALITY_CONFLICT, ErrorCodes.WITHDRAWAL_CREDENTIALS_MISMATCH).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "seat.approve");
    long id = SeatPost.seatId(r);
    AuditNotes.target(r.ctx(), "seat:" + id);
    SeatPost.handleWithoutFields(seats.runner(), r, true, (body, caller, tx) -> seats.funding().approve(id, caller, tx));
  }
}
