package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.web.seats.SeatPost;
import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.console.Pages;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.seats.SeatsFeature;

/** {@code GET /console/seats/{id}}: one seat: state, vault, beneficiary, evidence timeline, operations. */
public final class SeatEndpoint implements Endpoint {
  private final Pages pages;
  private final SeatsFeature seats;

  public SeatEndpoint(Pages pages, SeatsFeature seats) {
    this.pages = pages;
    this.seats = seats;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/console/seats/{id}").summary("Console: a seat with its evidence and operations")
        .sessions(Role.VIEWER).html().errors(ErrorCodes.NOT_FOUND).build();
  }

  @Override
  public void handle(ApiRequest r) {
    Map<String, Object> seat = seats.queries().detail(SeatPost.seatId(r));
    pages.render(r.ctx(), "seat", Map.of("chrome", pages.chrome(r), "seat", seat));
  }
}
