package org.centurion.seatmanager.web.operator;

import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.operator.ExitRequests;
import org.centurion.seatmanager.operator.OperatorErrors;
import org.centurion.seatmanager.operator.OperatorFeature;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code GET /v1/exit-requests?status=OPEN}: the operators' voluntary-exit requests, newest first. */
public final class ListExitRequestsEndpoint implements Endpoint {
  private final OperatorFeature operator;

  public ListExitRequestsEndpoint(OperatorFeature operator) {
    this.operator = operator;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/exit-requests").summary("Operators' voluntary-exit requests")
        .users(Role.OPERATOR).response(Map.class).errors(OperatorErrors.INVALID_FILTER).build();
  }

  @Override
  public void handle(ApiRequest r) {
    Optional<String> status = Optional.ofNullable(r.ctx().queryParam("status"));
    if (status.isPresent() && !status.get().matches("OPEN|ACCEPTED|DECLINED")) {
      throw ApiError.badRequest(OperatorErrors.INVALID_FILTER, "status is OPEN, ACCEPTED or DECLINED");
    }
    r.ctx().json(Map.of("items", operator.exits().list(status).stream().map(ExitRequests::view).toList()));
  }
}
