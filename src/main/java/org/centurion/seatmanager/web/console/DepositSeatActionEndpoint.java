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

/** {@code POST /console/seats/{id}/deposit}: as {@code POST /v1/seats/{id}/deposit} (ADMIN, re-authenticated, seat id typed to confirm). */
public final class DepositSeatActionEndpoint implements Endpoint {
  private final SeatActionForm form;
  private final Optional<ApprovalGate> gate;

  public DepositSeatActionEndpoint(SeatActionForm form) {
    this(form, Optional.empty());
  }

  /** @param gate the two-person rule (issue 15): with it on, the deposit becomes a pending approval */
  public DepositSeatActionEndpoint(SeatActionForm form, Optional<ApprovalGate> gate) {
    this.form = form;
    this.gate = gate;
  }

  @Override
  public EndpointSpec spec() {
    List<String> errors = new ArrayList<>(SeatActionForm.FORM_ERRORS);
    errors.addAll(List.of(ErrorCodes.TREASURY_NOT_ALLOWED, ErrorCodes.WRITES_DISABLED, ErrorCodes.INVALID_STATE, ErrorCodes.OPERATION_PENDING, ErrorCodes.NOT_FOUND, ErrorCodes.CHAIN_UNAVAILABLE, ErrorCodes.CHAIN_NOT_CONFIGURED, ErrorCodes.PREFUNDING_CHECK_FAILED, ErrorCodes.DEPOSIT_FRONT_RUN, ApprovalService.APPROVAL_PENDING, ErrorCodes.BEACON_UNAVAILABLE, ErrorCodes.BEACON_NOT_CONFIGURED, ErrorCodes.FINALITY_CONFLICT, ErrorCodes.WITHDRAWAL_CREDENTIALS_MISMATCH));
    return EndpointSpec.post(SeatAction.DEPOSIT.consolePath())
        .summary("Console: deposit 32 CTN for a seat (form: confirmSeat, confirmPassword[, totp])")
        .sessions(SeatAction.DEPOSIT.minRole()).html().errors(errors.toArray(String[]::new)).build();
  }

  @Override
  public void handle(ApiRequest r) {
    if (form.deferredForApproval(r, gate, SeatAction.DEPOSIT, "seat.deposit", ApprovalService.SEAT_DEPOSIT)) {
      return;
    }
    form.run(r, SeatAction.DEPOSIT, "seat.deposit", true, (id, req, tx) -> form.seats().funding().deposit(id, req.caller(), tx, form.seats().requireFrontRunCheck()));
  }
}
