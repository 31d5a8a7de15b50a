package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.ArrayList;
import java.util.List;
import org.centurion.seatmanager.web.console.SeatAction;
import org.centurion.seatmanager.web.console.SeatActionForm;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code POST /console/seats/{id}/approve}: as {@code POST /v1/seats/{id}/approve}, from the seat page (ADMIN). */
public final class ApproveSeatActionEndpoint implements Endpoint {
  private final SeatActionForm form;

  public ApproveSeatActionEndpoint(SeatActionForm form) {
    this.form = form;
  }

  @Override
  public EndpointSpec spec() {
    List<String> errors = new ArrayList<>(SeatActionForm.FORM_ERRORS);
    errors.addAll(List.of(ErrorCodes.TREASURY_NOT_ALLOWED, ErrorCodes.WRITES_DISABLED, ErrorCodes.INVALID_STATE, ErrorCodes.OPERATION_PENDING, ErrorCodes.NOT_FOUND, ErrorCodes.CHAIN_UNAVAILABLE, ErrorCodes.CHAIN_NOT_CONFIGURED, ErrorCodes.ALLOWLIST_ADMIN_NOT_ROUTER, ErrorCodes.INTENT_ALREADY_ACTIVE, ErrorCodes.FINALITY_CONFLICT, ErrorCodes.WITHDRAWAL_CREDENTIALS_MISMATCH));
    return EndpointSpec.post(SeatAction.APPROVE.consolePath())
        .summary("Console: approve a seat: write its allowlist intent")
        .sessions(SeatAction.APPROVE.minRole()).html().errors(errors.toArray(String[]::new)).build();
  }

  @Override
  public void handle(ApiRequest r) {
    form.run(r, SeatAction.APPROVE, "seat.approve", true, (id, req, tx) -> form.seats().funding().approve(id, req.caller(), tx));
  }
}
