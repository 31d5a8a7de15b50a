package org.centurion.seatmanager.web.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.seats.SeatsFeature;

/** {@code GET /v1/validator/{pubkey}}: One validator: status, balance, vault balance, claim and exit state (CSM-04). */
public final class ValidatorEndpoint implements Endpoint {
  private final SeatsFeature seats;

  public ValidatorEndpoint(SeatsFeature seats) {
    this.seats = seats;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/validator/{pubkey}").summary("One validator: status, balance, vault balance, claim and exit state (CSM-04)")
        .users(Role.VIEWER).alsoStakerKeys().response(Map.class).errors(ErrorCodes.INVALID_PUBKEY, ErrorCodes.NOT_FOUND, ErrorCodes.STAKER_ADDRESS_REQUIRED, ErrorCodes.STAKER_ADDRESS_MISMATCH).build();
  }

  @Override
  public void handle(ApiRequest r) {
    r.ctx().json(seats.queries().validator(r.ctx().pathParam("pubkey"), r.caller()));
  }
}
