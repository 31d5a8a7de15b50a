package org.centurion.seatmanager.web.console;

import java.util.ArrayList;
import java.util.List;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code POST /console/seats/{id}/resolve}: as {@code POST /v1/seats/{id}/resolve} (ADMIN, re-authenticated, seat id typed, a reason). */
public final class ResolveSeatActionEndpoint implements Endpoint {
  private final SeatActionForm form;

  public ResolveSeatActionEndpoint(SeatActionForm form) {
    this.form = form;
  }

  @Override
  public EndpointSpec spec() {
    List<String> errors = new ArrayList<>(SeatActionForm.FORM_ERRORS);
    errors.addAll(List.of(ErrorCodes.TREASURY_NOT_ALLOWED, ErrorCodes.INVALID_REASON, ErrorCodes.INVALID_STATE,
        ErrorCodes.OPERATION_PENDING, ErrorCodes.NOT_FOUND, ErrorCodes.EXCEPTION_UNRESOLVED, ErrorCodes.VAULT_BINDING_FAILED,
        ErrorCodes.CHAIN_UNAVAILABLE, ErrorCodes.CHAIN_NOT_CONFIGURED, ErrorCodes.BEACON_UNAVAILABLE,
        ErrorCodes.BEACON_ENDPOINTS_DISAGREE, ErrorCodes.BEACON_NOT_CONFIGURED));
    return EndpointSpec.post(SeatAction.RESOLVE.consolePath())
        .summary("Console: resolve an EXCEPTION seat from the chain's evidence (form: reason, confirmSeat, confirmPassword[, totp])")
        .sessions(SeatAction.RESOLVE.minRole()).html().errors(errors.toArray(String[]::new)).build();
  }

  @Override
  public void handle(ApiRequest r) {
    form.run(r, SeatAction.RESOLVE, "seat.resolve", false, (id, req, tx) -> form.seats().resolution()
        .resolve(id, req.ctx().formParam(SeatAction.REASON_FIELD), req.caller(), tx));
  }
}
