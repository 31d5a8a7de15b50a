package org.centurion.seatmanager.web.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.ops.ApprovalService;
import org.centurion.seatmanager.web.ops.ApprovalGate;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.seats.SeatsFeature;

/** {@code POST /v1/seats/{id}/force-exit}: Request the validator's exit through the vault (EIP-7002). */
public final class ForceExitSeatEndpoint implements Endpoint {
  private final SeatsFeature seats;
  private final Optional<ApprovalGate> gate;

  public ForceExitSeatEndpoint(SeatsFeature seats) {
    this(seats, Optional.empty());
  }

  /** @param gate the two-person rule (issue 15), when the composition has one */
  public ForceExitSeatEndpoint(SeatsFeature seats, Optional<ApprovalGate> gate) {
    this.seats = seats;
    this.gate = gate;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/seats/{id}/force-exit").summary("Request the validator's exit through the vault (EIP-7002)")
        .users(Role.ADMIN).stepUp().request(Map.class).response(Map.class)
        .errors(ErrorCodes.TREASURY_NOT_ALLOWED, ErrorCodes.WRITES_DISABLED, ErrorCodes.IDEMPOTENCY_KEY_REUSED, ErrorCodes.INVALID_IDEMPOTENCY_KEY, ErrorCodes.INVALID_STATE, ErrorCodes.OPERATION_PENDING, ErrorCodes.NOT_FOUND, ErrorCodes.CHAIN_UNAVAILABLE, ErrorCodes.CHAIN_NOT_CONFIGURED, ErrorCodes.EXIT_TOO_EARLY, ErrorCodes.EXIT_NOT_IGNORED, ErrorCodes.EXIT_FEE_TOO_HIGH, ErrorCodes.VALIDATOR_NOT_ON_BEACON_CHAIN, ErrorCodes.VALIDATOR_NOT_EXITABLE, ErrorCodes.VAULT_BINDING_FAILED, ErrorCodes.BEACON_UNAVAILABLE, ErrorCodes.BEACON_ENDPOINTS_DISAGREE, ErrorCodes.BEACON_NOT_CONFIGURED, ErrorCodes.FINALITY_CONFLICT, ErrorCodes.WITHDRAWAL_CREDENTIALS_MISMATCH, ApprovalService.APPROVAL_PENDING).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "seat.force_exit");
    long id = SeatPost.seatId(r);
    AuditNotes.target(r.ctx(), "seat:" + id);
    if (SeatPost.deferredForApproval(r, gate, ApprovalService.SEAT_FORCE_EXIT, id)) {
      return;
    }
    SeatPost.handleWithoutFields(seats.runner(), r, true, (body, caller, tx) -> seats.exit().forceExit(id, caller, tx));
  }
}
