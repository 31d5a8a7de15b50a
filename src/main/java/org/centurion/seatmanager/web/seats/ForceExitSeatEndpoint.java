package org.centurion.seatmanager.web.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Map;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.seats.SeatsFeature;

/** {@code POST /v1/seats/{id}/force-exit}: Request the validator's exit through the vault (EIP-7002). */
public final class ForceExitSeatEndpoint implements Endpoint {
  private final SeatsFeature seats;

  public ForceExitSeatEndpoint(SeatsFeature seats) {
    this.seats = seats;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/seats/{id}/force-exit").summary("Request the validator's exit through the vault (EIP-7002)")
        .users(Role.ADMIN).stepUp().request(Map.class).response(Map.class)
        .errors("TREASURY_NOT_ALLOWED", ErrorCodes.WRITES_DISABLED, "IDEMPOTENCY_KEY_REUSED", "INVALID_IDEMPOTENCY_KEY", "INVALID_STATE", "OPERATION_PENDING", "NOT_FOUND", "CHAIN_UNAVAILABLE", "CHAIN_NOT_CONFIGURED", "EXIT_TOO_EARLY", "EXIT_FEE_TOO_HIGH", "VALIDATOR_NOT_ON_BEACON_CHAIN", "VALIDATOR_NOT_EXITABLE", "VAULT_BINDING_FAILED", "BEACON_UNAVAILABLE", "BEACON_ENDPOINTS_DISAGREE", "BEACON_NOT_CONFIGURED", ErrorCodes.FINALITY_CONFLICT, ErrorCodes.WITHDRAWAL_CREDENTIALS_MISMATCH).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "seat.force_exit");
    long id = SeatPost.seatId(r);
    AuditNotes.target(r.ctx(), "seat:" + id);
    SeatPost.handleWithoutFields(seats.runner(), r, true, (body, caller, tx) -> seats.exit().forceExit(id, caller, tx));
  }
}
