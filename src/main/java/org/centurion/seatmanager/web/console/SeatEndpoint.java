package org.centurion.seatmanager.web.console;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.console.Pages;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.seats.SeatCommands;

/** {@code GET /console/seats/{id}}: one seat: state, vault, beneficiary, evidence timeline, operations. */
public final class SeatEndpoint implements Endpoint {
  private final Pages pages;
  private final SeatCommands seats;

  public SeatEndpoint(Pages pages, SeatCommands seats) {
    this.pages = pages;
    this.seats = seats;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/console/seats/{id}").summary("Console: a seat with its evidence and operations")
        .sessions(Role.VIEWER).html().errors("NOT_FOUND").build();
  }

  @Override
  public void handle(ApiRequest r) {
    Map<String, Object> seat = seats.queries().detail(SeatCommands.seatId(r));
    pages.render(r.ctx(), "seat", Map.of("chrome", pages.chrome(r), "seat", seat));
  }
}
