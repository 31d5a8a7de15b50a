package org.centurion.seatmanager.web.seats;

import java.util.List;
import org.centurion.seatmanager.seats.SeatsFeature;
import org.centurion.seatmanager.web.Endpoint;

/** The seat routes of the API, over the seats feature. */
public final class SeatRoutes {
  private SeatRoutes() {}

  public static List<Endpoint> of(SeatsFeature seats) {
    return List.of(
        new ListSeatsEndpoint(seats), new GetSeatEndpoint(seats), new SeatOperationsEndpoint(seats),
        new CreateSeatWithVaultEndpoint(seats), new GenerateSeatEndpoint(seats),
        new SubmitDepositDataEndpoint(seats), new ApproveSeatEndpoint(seats), new DepositSeatEndpoint(seats),
        new SettleSeatEndpoint(seats), new ForceExitSeatEndpoint(seats), new RevokeSeatEndpoint(seats),
        new ValidatorsByAddressEndpoint(seats), new ValidatorEndpoint(seats));
  }
}
