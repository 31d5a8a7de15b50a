package org.centurion.seatmanager.web.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Map;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.seats.SeatsFeature;

/** {@code POST /v1/seats/{id}/settle}: Propose the vault's settlement (finalized by the executor after the vault's delay). */
public final class SettleSeatEndpoint implements Endpoint {
  private final SeatsFeature seats;

  public SettleSeatEndpoint(SeatsFeature seats) {
    this.seats = seats;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/seats/{id}/settle").summary("Propose the vault's settlement (finalized by the executor after the vault's delay)")
        .users(Role.ADMIN).stepUp().request(Map.class).response(Map.class)
        .errors("TREASURY_NOT_ALLOWED", ErrorCodes.WRITES_DISABLED, "IDEMPOTENCY_KEY_REUSED", "INVALID_IDEMPOTENCY_KEY", "INVALID_STATE", "OPERATION_PENDING", "NOT_FOUND", "CHAIN_UNAVAILABLE", "CHAIN_NOT_CONFIGURED", "VAULT_BINDING_FAILED", "VAULT_ALREADY_SETTLED", "SETTLEMENT_ALREADY_PROPOSED", "NO_SETTLEMENT_PROPOSED", ErrorCodes.FINALITY_CONFLICT, ErrorCodes.WITHDRAWAL_CREDENTIALS_MISMATCH).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "seat.settle");
    long id = SeatPost.seatId(r);
    AuditNotes.target(r.ctx(), "seat:" + id);
    SeatPost.handleWithoutFields(seats.runner(), r, true, (body, caller, tx) -> seats.exit().settle(id, caller, tx));
  }
}
