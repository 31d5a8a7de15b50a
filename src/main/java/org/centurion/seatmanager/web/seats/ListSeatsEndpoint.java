package org.centurion.seatmanager.web.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.seats.SeatsFeature;

/** {@code GET /v1/seats}: Seats, filtered by state, operator, beneficiary, pubkey or vault; limit at most 500. */
public final class ListSeatsEndpoint implements Endpoint {
  private final SeatsFeature seats;

  public ListSeatsEndpoint(SeatsFeature seats) {
    this.seats = seats;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/seats").summary("Seats, filtered by state, operator, beneficiary, pubkey or vault; limit at most 500")
        .users(Role.VIEWER).response(Map.class).errors(ErrorCodes.INVALID_FILTER, ErrorCodes.INVALID_ADDRESS).build();
  }

  @Override
  public void handle(ApiRequest r) {
    r.ctx().json(seats.queries().list(r.ctx().queryParamMap()));
  }
}
