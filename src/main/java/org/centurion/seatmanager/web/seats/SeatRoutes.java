package org.centurion.seatmanager.web.seats;

import java.util.List;
import org.centurion.seatmanager.seats.SeatCommands;
import org.centurion.seatmanager.web.Endpoint;

/** The seat routes of the API, over the seats feature's commands. */
public final class SeatRoutes {
  private SeatRoutes() {}

  public static List<Endpoint> of(SeatCommands commands) {
    return List.of(
        new ListSeatsEndpoint(commands), new GetSeatEndpoint(commands), new SeatOperationsEndpoint(commands),
        new CreateSeatWithVaultEndpoint(commands), new GenerateSeatEndpoint(commands),
        new SubmitDepositDataEndpoint(commands), new ApproveSeatEndpoint(commands), new DepositSeatEndpoint(commands),
        new SettleSeatEndpoint(commands), new ForceExitSeatEndpoint(commands), new RevokeSeatEndpoint(commands),
        new ValidatorsByAddressEndpoint(commands), new ValidatorEndpoint(commands));
  }
}
