package org.centurion.seatmanager.web.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Map;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.seats.SeatsFeature;

/** {@code POST /v1/seats/with-vault}: Deploy a vault through the router and create the seat once it is verified. */
public final class CreateSeatWithVaultEndpoint implements Endpoint {
  private final SeatsFeature seats;

  public CreateSeatWithVaultEndpoint(SeatsFeature seats) {
    this.seats = seats;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/seats/with-vault").summary("Deploy a vault through the router and create the seat once it is verified")
        .users(Role.ADMIN).request(Map.class).response(Map.class)
        .errors(ErrorCodes.TREASURY_NOT_ALLOWED, ErrorCodes.WRITES_DISABLED, ErrorCodes.IDEMPOTENCY_KEY_REUSED, ErrorCodes.INVALID_IDEMPOTENCY_KEY, ErrorCodes.INVALID_STATE, ErrorCodes.OPERATION_PENDING, ErrorCodes.NOT_FOUND, ErrorCodes.CHAIN_UNAVAILABLE, ErrorCodes.CHAIN_NOT_CONFIGURED, ErrorCodes.INVALID_ADDRESS, ErrorCodes.INVALID_PUBKEY, ErrorCodes.PUBKEY_REQUIRED, ErrorCodes.INVALID_OPERATOR_ID, ErrorCodes.INVALID_BENEFICIARY, ErrorCodes.VAULT_EXISTS, ErrorCodes.PUBKEY_TAKEN, ErrorCodes.OPERATOR_HAS_SEAT, ErrorCodes.FINALITY_CONFLICT).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "seat.create_with_vault");
    SeatPost.handle(seats.runner(), r, true, (body, caller, tx) -> seats.creation().withVault(body, caller, tx));
  }
}
