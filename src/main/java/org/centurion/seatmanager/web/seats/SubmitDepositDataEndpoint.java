package org.centurion.seatmanager.web.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Map;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.seats.SeatsFeature;

/** {@code POST /v1/seats/{id}/deposit-data}: Submit the seat's deposit-cli JSON; every check, all failures at once. */
public final class SubmitDepositDataEndpoint implements Endpoint {
  private final SeatsFeature seats;

  public SubmitDepositDataEndpoint(SeatsFeature seats) {
    this.seats = seats;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/seats/{id}/deposit-data").summary("Submit the seat's deposit-cli JSON; every check, all failures at once")
        .users(Role.OPERATOR).request(Map.class).response(Map.class)
        .errors(ErrorCodes.TREASURY_NOT_ALLOWED, ErrorCodes.WRITES_DISABLED, ErrorCodes.IDEMPOTENCY_KEY_REUSED, ErrorCodes.INVALID_IDEMPOTENCY_KEY, ErrorCodes.INVALID_STATE, ErrorCodes.OPERATION_PENDING, ErrorCodes.NOT_FOUND, ErrorCodes.CHAIN_UNAVAILABLE, ErrorCodes.CHAIN_NOT_CONFIGURED, ErrorCodes.DEPOSIT_DATA_INVALID).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "seat.deposit_data");
    long id = SeatPost.seatId(r);
    AuditNotes.target(r.ctx(), "seat:" + id);
    SeatPost.handle(seats.runner(), r, false, (body, caller, tx) -> seats.depositData().submit(id, r.ctx().bodyAsBytes(), caller, tx));
  }
}
