package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.ArrayList;
import java.util.List;
import org.centurion.seatmanager.web.console.SeatAction;
import org.centurion.seatmanager.web.console.SeatActionForm;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code POST /console/seats/{id}/revoke}: as {@code POST /v1/seats/{id}/revoke} (ADMIN, re-authenticated, seat id typed to confirm). */
public final class RevokeSeatActionEndpoint implements Endpoint {
  private final SeatActionForm form;

  public RevokeSeatActionEndpoint(SeatActionForm form) {
    this.form = form;
  }

  @Override
  public EndpointSpec spec() {
    List<String> errors = new ArrayList<>(SeatActionForm.FORM_ERRORS);
    errors.addAll(List.of(ErrorCodes.TREASURY_NOT_ALLOWED, ErrorCodes.WRITES_DISABLED, ErrorCodes.INVALID_STATE, ErrorCodes.OPERATION_PENDING, ErrorCodes.NOT_FOUND, ErrorCodes.CHAIN_UNAVAILABLE, ErrorCodes.CHAIN_NOT_CONFIGURED, ErrorCodes.FINALITY_CONFLICT, ErrorCodes.WITHDRAWAL_CREDENTIALS_MISMATCH));
    return EndpointSpec.post(SeatAction.REVOKE.consolePath())
        .summary("Console: revoke a seat before its deposit (form: confirmSeat, confirmPassword[, totp])")
        .sessions(SeatAction.REVOKE.minRole()).html().errors(errors.toArray(String[]::new)).build();
  }

  @Override
  public void handle(ApiRequest r) {
    form.run(r, SeatAction.REVOKE, "seat.revoke", true, (id, req, tx) -> form.seats().funding().revoke(id, req.caller(), tx));
  }
}
