package org.centurion.seatmanager.web.ops;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.ops.OperationAdmin;
import org.centurion.seatmanager.ops.OperationViews;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;

/** {@code POST /v1/operations/{id}/cancel {reason}}: cancels a QUEUED operation that has no intent (ADMIN, step-up). */
public final class CancelOperationEndpoint implements Endpoint {
  private final OperationAdmin operations;

  public CancelOperationEndpoint(OperationAdmin operations) {
    this.operations = operations;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/operations/{id}/cancel").summary("Cancel a QUEUED operation that has nothing signed")
        .sessions(Role.ADMIN).stepUp().request(PauseRequest.class).response(Map.class)
        .errors("NOT_FOUND", OperationAdmin.NOT_CANCELLABLE, OperationAdmin.INVALID_REASON).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "operation.cancel");
    long id = OperationIds.of(r.ctx());
    AuditNotes.target(r.ctx(), "operation:" + id);
    String reason = PauseBodies.reason(r);
    r.ctx().json(OperationViews.operation(operations.cancel(id, r.caller().name(), reason)));
    AuditNotes.reason(r.ctx(), "cancelled: " + reason.strip());
  }
}
