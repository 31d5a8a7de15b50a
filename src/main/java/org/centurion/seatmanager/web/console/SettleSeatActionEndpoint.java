package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.ops.ApprovalService;
import org.centurion.seatmanager.web.ops.ApprovalGate;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code POST /console/seats/{id}/settle}: as {@code POST /v1/seats/{id}/settle} (ADMIN, re-authenticated, seat id typed to confirm). */
public final class SettleSeatActionEndpoint implements Endpoint {
  private final SeatActionForm form;
  private final Optional<ApprovalGate> gate;

  public SettleSeatActionEndpoint(SeatActionForm form) {
    this(form, Optional.empty());
  }

  /** @param gate the two-person rule (issue 15): with it on, the action becomes a pending approval */
  public SettleSeatActionEndpoint(SeatActionForm form, Optional<ApprovalGate> gate) {
    this.form = form;
    this.gate = gate;
  }

  @Override
  public EndpointSpec spec() {
    List<String> errors = new ArrayList<>(SeatActionForm.FORM_ERRORS);
    errors.addAll(List.of(ErrorCodes.TREASURY_NOT_ALLOWED, ErrorCodes.WRITES_DISABLED, ErrorCodes.INVALID_STATE, ErrorCodes.OPERATION_PENDING, ErrorCodes.NOT_FOUND, ErrorCodes.CHAIN_UNAVAILABLE, ErrorCodes.CHAIN_NOT_CONFIGURED, ErrorCodes.VAULT_BINDING_FAILED, ErrorCodes.VAULT_ALREADY_SETTLED, ErrorCodes.SETTLEMENT_ALREADY_PROPOSED, ErrorCodes.NO_SETTLEMENT_PROPOSED, ErrorCodes.FINALITY_CONFLICT, ErrorCodes.WITHDRAWAL_CREDENTIALS_MISMATCH,
        ApprovalService.APPROVAL_PENDING));
    return EndpointSpec.post(SeatAction.SETTLE.consolePath())
        .summary("Console: propose a seat vault's settlement (form: confirmSeat, confirmPassword[, totp])")
        .sessions(SeatAction.SETTLE.minRole()).html().errors(errors.toArray(String[]::new)).build();
  }

  @Override
  public void handle(ApiRequest r) {
    if (form.deferredForApproval(r, gate, SeatAction.SETTLE, "seat.settle", ApprovalService.SEAT_SETTLE)) {
      return;
    }
    form.run(r, SeatAction.SETTLE, "seat.settle", true, (id, req, tx) -> form.seats().exit().settle(id, req.caller(), tx));
  }
}
