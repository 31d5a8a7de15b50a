package org.centurion.seatmanager.web.operator;

import java.util.Map;
import org.centurion.seatmanager.auth.OperatorScope;
import org.centurion.seatmanager.operator.OperatorErrors;
import org.centurion.seatmanager.operator.OperatorFeature;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code GET /v1/operator/seats/{id}/status}: the operator's own seat (key bound to it, scope status, 60 reads a minute). */
public final class OperatorSeatStatusEndpoint implements Endpoint {
  private final OperatorFeature operator;

  public OperatorSeatStatusEndpoint(OperatorFeature operator) {
    this.operator = operator;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/operator/seats/{id}/status")
        .summary("The seat's lifecycle, evidence, operations, validator, vault and claim window")
        .operatorKeys(OperatorScope.STATUS).response(Map.class)
        .errors(OperatorErrors.KEY_WRONG_SEAT, OperatorErrors.SCOPE_MISSING, OperatorErrors.RATE_LIMITED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    r.ctx().json(operator.status().status(OperatorRequests.id(r)));
  }
}
