package org.centurion.seatmanager.web.ops;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.ops.Operation;
import org.centurion.seatmanager.ops.OperationAdmin;
import org.centurion.seatmanager.ops.OperationViews;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;

/**
 * {@code POST /v1/operations/{id}/retry}: a FAILED operation queued again as a new operation linked to
 * it (ADMIN, step-up: it may sign a deposit). Takes no body.
 */
public final class RetryOperationEndpoint implements Endpoint {
  private final OperationAdmin operations;

  public RetryOperationEndpoint(OperationAdmin operations) {
    this.operations = operations;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/operations/{id}/retry").summary("Retry a FAILED operation as a new operation linked to it")
        .sessions(Role.ADMIN).stepUp().response(Map.class)
        .errors("NOT_FOUND", ErrorCodes.WRITES_DISABLED, OperationAdmin.NOT_RETRYABLE, OperationAdmin.ALREADY_RETRIED,
            OperationAdmin.OPERATION_PENDING, "INVALID_JSON").build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "operation.retry");
    long id = OperationIds.of(r.ctx());
    AuditNotes.target(r.ctx(), "operation:" + id);
    OperationBodies.requireEmpty(r);
    Operation retry = operations.retry(id, r.caller().name());
    AuditNotes.reason(r.ctx(), "retried as operation " + retry.id());
    r.ctx().status(202).json(OperationViews.operation(retry));
  }
}
