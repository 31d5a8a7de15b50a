package org.centurion.seatmanager.web.operator;

import java.util.Map;
import org.centurion.seatmanager.auth.OperatorScope;
import org.centurion.seatmanager.operator.ExitRequests;
import org.centurion.seatmanager.operator.OperatorErrors;
import org.centurion.seatmanager.operator.OperatorFeature;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;

/**
 * {@code POST /v1/operator/seats/{id}/exit-requests}: the operator asks for a voluntary exit. This
 * only records the request for the ADMINs (GET /v1/exit-requests); no exit is queued or signed.
 */
public final class RequestExitEndpoint implements Endpoint {
  private final OperatorFeature operator;

  public RequestExitEndpoint(OperatorFeature operator) {
    this.operator = operator;
  }

  public record ExitRequestBody(String reason) {}

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/operator/seats/{id}/exit-requests")
        .summary("Ask the foundation for a voluntary exit (an ADMIN decides)")
        .operatorKeys(OperatorScope.EXIT_REQUEST).request(ExitRequestBody.class).response(Map.class)
        .errors(OperatorErrors.KEY_WRONG_SEAT, OperatorErrors.SCOPE_MISSING, OperatorErrors.INVALID_REASON,
            OperatorErrors.RATE_LIMITED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "seat.voluntary_exit_requested");
    long seatId = OperatorRequests.id(r);
    AuditNotes.target(r.ctx(), "seat:" + seatId);
    ExitRequestBody body = OperatorRequests.body(r, ExitRequestBody.class);
    ExitRequests.ExitRequest e = operator.exits().request(seatId, r.caller().name(), body.reason());
    r.ctx().status(202).json(ExitRequests.view(e));
  }
}
