package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.ArrayList;
import java.util.List;
import org.centurion.seatmanager.web.console.SeatAction;
import org.centurion.seatmanager.web.console.SeatActionForm;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code POST /console/seats/{id}/settle}: as {@code POST /v1/seats/{id}/settle} (ADMIN, re-authenticated, seat id typed to confirm). */
public final class SettleSeatActionEndpoint implements Endpoint {
  private final SeatActionForm form;

  public SettleSeatActionEndpoint(SeatActionForm form) {
    this.form = form;
  }

  @Override
  public EndpointSpec spec() {
    List<String> errors = new ArrayList<>(SeatActionForm.FORM_ERRORS);
    errors.addAll(List.of(ErrorCodes.TREASURY_NOT_ALLOWED, ErrorCodes.WRITES_DISABLED, ErrorCodes.INVALID_STATE, ErrorCodes.OPERATION_PENDING, ErrorCodes.NOT_FOUND, ErrorCodes.CHAIN_UNAVAILABLE, ErrorCodes.CHAIN_NOT_CONFIGURED, ErrorCodes.VAULT_BINDING_FAILED, ErrorCodes.VAULT_ALREADY_SETTLED, ErrorCodes.SETTLEMENT_ALREADY_PROPOSED, ErrorCodes.NO_SETTLEMENT_PROPOSED, ErrorCodes.FINALITY_CONFLICT, ErrorCodes.WITHDRAWAL_CREDENTIALS_MISMATCH));
    return EndpointSpec.post(SeatAction.SETTLE.consolePath())
        .summary("Console: propose a seat vault's settlement (form: confirmSeat, confirmPassword[, totp])")
        .sessions(SeatAction.SETTLE.minRole()).html().errors(errors.toArray(String[]::new)).build();
  }

  @Override
  public void handle(ApiRequest r) {
    form.run(r, SeatAction.SETTLE, "seat.settle", true, (id, req, tx) -> form.seats().exit().settle(id, req.caller(), tx));
  }
}
