package org.centurion.seatmanager.web.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.seats.SeatsFeature;

/** {@code GET /v1/validators/{address}}: The validators whose beneficiary is the address. */
public final class ValidatorsByAddressEndpoint implements Endpoint {
  private final SeatsFeature seats;

  public ValidatorsByAddressEndpoint(SeatsFeature seats) {
    this.seats = seats;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/validators/{address}").summary("The validators whose beneficiary is the address")
        .users(Role.VIEWER).alsoStakerKeys().response(Map.class).errors(ErrorCodes.INVALID_ADDRESS, ErrorCodes.STAKER_ADDRESS_REQUIRED, ErrorCodes.STAKER_ADDRESS_MISMATCH).build();
  }

  @Override
  public void handle(ApiRequest r) {
    r.ctx().json(seats.queries().validatorsOf(r.ctx().pathParam("address")));
  }
}
