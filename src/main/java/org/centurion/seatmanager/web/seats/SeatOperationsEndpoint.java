package org.centurion.seatmanager.web.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.seats.SeatsFeature;

/** {@code GET /v1/seats/{id}/operations}: The operations of a seat. */
public final class SeatOperationsEndpoint implements Endpoint {
  private final SeatsFeature seats;

  public SeatOperationsEndpoint(SeatsFeature seats) {
    this.seats = seats;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/seats/{id}/operations").summary("The operations of a seat")
        .users(Role.VIEWER).response(Map.class).errors(ErrorCodes.NOT_FOUND).build();
  }

  @Override
  public void handle(ApiRequest r) {
    r.ctx().json(seats.queries().operations(SeatPost.seatId(r)));
  }
}
