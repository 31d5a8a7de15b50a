package org.centurion.seatmanager.web.operator;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.operator.ExitRequests;
import org.centurion.seatmanager.operator.OperatorErrors;
import org.centurion.seatmanager.operator.OperatorFeature;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;

/**
 * {@code POST /v1/exit-requests/{id}/decision}: an ADMIN accepts or declines a voluntary-exit request.
 * Accepting records the decision only; the exit itself is the seat's force-exit route (step-up, checks).
 * The decision is final and tells the operator what the foundation will do, so it needs a step-up too.
 */
public final class DecideExitRequestEndpoint implements Endpoint {
  private final OperatorFeature operator;

  public DecideExitRequestEndpoint(OperatorFeature operator) {
    this.operator = operator;
  }

  public record Decision(String decision, String note) {}

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/exit-requests/{id}/decision").summary("Accept or decline a voluntary-exit request")
        .sessions(Role.ADMIN).stepUp().request(Decision.class).response(Map.class)
        .errors(OperatorErrors.INVALID_DECISION, OperatorErrors.EXIT_REQUEST_DECIDED, ErrorCodes.NOT_FOUND).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "seat.voluntary_exit_decided");
    long id = OperatorRequests.id(r);
    AuditNotes.target(r.ctx(), "exit-request:" + id);
    Decision d = OperatorRequests.body(r, Decision.class);
    if (d.decision() == null || !d.decision().matches("ACCEPT|DECLINE")) {
      throw ApiError.badRequest(OperatorErrors.INVALID_DECISION, "decision is ACCEPT or DECLINE");
    }
    ExitRequests.ExitRequest e = operator.exits().decide(id, d.decision().equals("ACCEPT"), d.note(), r.caller().name());
    r.ctx().json(ExitRequests.view(e));
  }
}
