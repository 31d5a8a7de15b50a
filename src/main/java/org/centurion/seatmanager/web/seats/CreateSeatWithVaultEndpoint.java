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
        .errors("TREASURY_NOT_ALLOWED", ErrorCodes.WRITES_DISABLED, "IDEMPOTENCY_KEY_REUSED", "INVALID_IDEMPOTENCY_KEY", "INVALID_STATE", "OPERATION_PENDING", "NOT_FOUND", "CHAIN_UNAVAILABLE", "CHAIN_NOT_CONFIGURED", "INVALID_ADDRESS", "INVALID_PUBKEY", "PUBKEY_REQUIRED", "INVALID_OPERATOR_ID", "INVALID_BENEFICIARY", "VAULT_EXISTS", "PUBKEY_TAKEN", "OPERATOR_HAS_SEAT", ErrorCodes.FINALITY_CONFLICT).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "seat.create_with_vault");
    SeatPost.handle(seats.runner(), r, true, (body, caller, tx) -> seats.creation().withVault(body, caller, tx));
  }
}
