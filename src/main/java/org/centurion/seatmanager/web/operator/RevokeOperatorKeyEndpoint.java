package org.centurion.seatmanager.web.operator;

import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.operator.OperatorFeature;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;

/** {@code POST /v1/operator-keys/{id}/revoke}: an ADMIN revokes an operator key; it stops working at once. */
public final class RevokeOperatorKeyEndpoint implements Endpoint {
  private final OperatorFeature operator;

  public RevokeOperatorKeyEndpoint(OperatorFeature operator) {
    this.operator = operator;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/operator-keys/{id}/revoke").summary("Revoke an operator API key")
        .sessions(Role.ADMIN).errors(ErrorCodes.NOT_FOUND).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "operator_key.revoke");
    long id = OperatorRequests.id(r);
    AuditNotes.target(r.ctx(), "operator-key:" + id);
    if (!operator.keys().revoke(id, r.caller().name())) {
      throw ApiError.notFound("no such live operator key");
    }
    r.ctx().status(204);
  }
}
