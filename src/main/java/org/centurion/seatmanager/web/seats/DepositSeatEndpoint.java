package org.centurion.seatmanager.web.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Map;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.seats.SeatsFeature;

/** {@code POST /v1/seats/{id}/deposit}: Deposit 32 CTN after the pre-funding checklist and the front-running check. */
public final class DepositSeatEndpoint implements Endpoint {
  private final SeatsFeature seats;

  private final java.util.Optional<org.centurion.seatmanager.web.ops.ApprovalGate> gate;

  public DepositSeatEndpoint(SeatsFeature seats) {
    this(seats, java.util.Optional.empty());
  }

  /** @param gate the two-person rule (issue 15), when the composition has one */
  public DepositSeatEndpoint(SeatsFeature seats, java.util.Optional<org.centurion.seatmanager.web.ops.ApprovalGate> gate) {
    this.seats = seats;
    this.gate = gate;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/seats/{id}/deposit").summary("Deposit 32 CTN after the pre-funding checklist and the front-running check")
        .users(Role.ADMIN).stepUp().request(Map.class).response(Map.class)
        .errors(ErrorCodes.TREASURY_NOT_ALLOWED, ErrorCodes.WRITES_DISABLED, ErrorCodes.IDEMPOTENCY_KEY_REUSED, ErrorCodes.INVALID_IDEMPOTENCY_KEY, ErrorCodes.INVALID_STATE, ErrorCodes.OPERATION_PENDING, ErrorCodes.NOT_FOUND, ErrorCodes.CHAIN_UNAVAILABLE, ErrorCodes.CHAIN_NOT_CONFIGURED, ErrorCodes.PREFUNDING_CHECK_FAILED, ErrorCodes.DEPOSIT_FRONT_RUN, org.centurion.seatmanager.ops.ApprovalService.APPROVAL_PENDING, ErrorCodes.BEACON_UNAVAILABLE, ErrorCodes.BEACON_NOT_CONFIGURED, ErrorCodes.FINALITY_CONFLICT, ErrorCodes.WITHDRAWAL_CREDENTIALS_MISMATCH).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "seat.deposit");
    long id = SeatPost.seatId(r);
    AuditNotes.target(r.ctx(), "seat:" + id);
    if (gate.isPresent()) {
      // issue 15: with two-person approval on, the deposit waits for another ADMIN (checks run again then)
      org.centurion.seatmanager.seats.TreasuryFieldGuard.checkQuery(r.ctx().queryParamMap().keySet());
      java.util.Optional<org.centurion.seatmanager.ops.ApprovalService.Approval> pending = gate.get().deposit(id, r.caller());
      if (pending.isPresent()) {
        AuditNotes.reason(r.ctx(), "approval " + pending.get().id() + " requested");
        r.ctx().status(202).json(org.centurion.seatmanager.web.ops.ApprovalGate.pendingAnswer(pending.get()));
        return;
      }
    }
    SeatPost.handleWithoutFields(seats.runner(), r, true, (body, caller, tx) -> seats.funding().deposit(id, caller, tx, seats.requireFrontRunCheck()));
  }
}
