package org.centurion.seatmanager.web.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.seats.SeatsFeature;

/** {@code GET /v1/seats/{id}}: A seat with its evidence and operations. */
public final class GetSeatEndpoint implements Endpoint {
  private final SeatsFeature seats;

  public GetSeatEndpoint(SeatsFeature seats) {
    this.seats = seats;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/seats/{id}").summary("A seat with its evidence and operations")
        .users(Role.VIEWER).response(Map.class).errors(ErrorCodes.NOT_FOUND).build();
  }

  @Override
  public void handle(ApiRequest r) {
    r.ctx().json(seats.queries().detail(SeatPost.seatId(r)));
  }
}
