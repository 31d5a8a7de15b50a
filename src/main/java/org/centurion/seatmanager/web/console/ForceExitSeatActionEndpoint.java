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

/** {@code POST /console/seats/{id}/force-exit}: as {@code POST /v1/seats/{id}/force-exit} (ADMIN, re-authenticated, seat id typed to confirm). */
public final class ForceExitSeatActionEndpoint implements Endpoint {
  private final SeatActionForm form;
  private final Optional<ApprovalGate> gate;

  public ForceExitSeatActionEndpoint(SeatActionForm form) {
    this(form, Optional.empty());
  }

  /** @param gate the two-person rule (issue 15): with it on, the action becomes a pending approval */
  public ForceExitSeatActionEndpoint(SeatActionForm form, Optional<ApprovalGate> gate) {
    this.form = form;
    this.gate = gate;
  }

  @Override
  public EndpointSpec spec() {
    List<String> errors = new ArrayList<>(SeatActionForm.FORM_ERRORS);
    errors.addAll(List.of(ErrorCodes.TREASURY_NOT_ALLOWED, ErrorCodes.WRITES_DISABLED, ErrorCodes.INVALID_STATE, ErrorCodes.OPERATION_PENDING, ErrorCodes.NOT_FOUND, ErrorCodes.CHAIN_UNAVAILABLE, ErrorCodes.CHAIN_NOT_CONFIGURED, ErrorCodes.EXIT_TOO_EARLY, ErrorCodes.EXIT_NOT_IGNORED, ErrorCodes.EXIT_FEE_TOO_HIGH, ErrorCodes.VALIDATOR_NOT_ON_BEACON_CHAIN, ErrorCodes.VALIDATOR_NOT_EXITABLE, ErrorCodes.VAULT_BINDING_FAILED, ErrorCodes.BEACON_UNAVAILABLE, ErrorCodes.BEACON_ENDPOINTS_DISAGREE, ErrorCodes.BEACON_NOT_CONFIGURED, ErrorCodes.FINALITY_CONFLICT, ErrorCodes.WITHDRAWAL_CREDENTIALS_MISMATCH,
        ApprovalService.APPROVAL_PENDING));
    return EndpointSpec.post(SeatAction.FORCE_EXIT.consolePath())
        .summary("Console: request a seat validator's exit (form: confirmSeat, confirmPassword[, totp])")
        .sessions(SeatAction.FORCE_EXIT.minRole()).html().errors(errors.toArray(String[]::new)).build();
  }

  @Override
  public void handle(ApiRequest r) {
    if (form.deferredForApproval(r, gate, SeatAction.FORCE_EXIT, "seat.force_exit", ApprovalService.SEAT_FORCE_EXIT)) {
      return;
    }
    form.run(r, SeatAction.FORCE_EXIT, "seat.force_exit", true, (id, req, tx) -> form.seats().exit().forceExit(id, req.caller(), tx));
  }
}
