package org.centurion.seatmanager.web.console;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.ops.Operation;
import org.centurion.seatmanager.ops.OperationAdmin;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.web.ops.OperationIds;

/**
 * {@code POST /console/operations/{id}/retry} and {@code /cancel} (issue 15): the operation page's
 * buttons for {@code POST /v1/operations/{id}/retry|cancel}, ADMIN and re-authenticated with the
 * password in the form as those routes demand step-up; the same checks decide (a retry is a new
 * operation linked to the failed one, a cancel needs a reason and an operation with nothing signed).
 */
public final class OperationActionEndpoint implements Endpoint {
  private final OperationAdmin operations;
  private final Reauthentication reauth;
  private final Pages pages;
  private final boolean retry;

  private OperationActionEndpoint(OperationAdmin operations, Reauthentication reauth, Pages pages, boolean retry) {
    this.operations = operations;
    this.reauth = reauth;
    this.pages = pages;
    this.retry = retry;
  }

  public static OperationActionEndpoint retry(OperationAdmin operations, Reauthentication reauth, Pages pages) {
    return new OperationActionEndpoint(operations, reauth, pages, true);
  }

  public static OperationActionEndpoint cancel(OperationAdmin operations, Reauthentication reauth, Pages pages) {
    return new OperationActionEndpoint(operations, reauth, pages, false);
  }

  @Override
  public EndpointSpec spec() {
    EndpointSpec.Builder b = EndpointSpec.post("/console/operations/{id}/" + (retry ? "retry" : "cancel"))
        .summary(retry ? "Console: retry a FAILED operation as a new one linked to it (form: confirmPassword[, totp])"
            : "Console: cancel a QUEUED operation with nothing signed (form: reason, confirmPassword[, totp])")
        .sessions(Role.ADMIN).html();
    return retry
        ? b.errors(Forms.INVALID_FORM, ErrorCodes.STEP_UP_FAILED, ErrorCodes.RATE_LIMITED, ErrorCodes.NOT_FOUND,
            ErrorCodes.WRITES_DISABLED, OperationAdmin.NOT_RETRYABLE, OperationAdmin.ALREADY_RETRIED,
            OperationAdmin.OPERATION_PENDING).build()
        : b.errors(Forms.INVALID_FORM, ErrorCodes.STEP_UP_FAILED, ErrorCodes.RATE_LIMITED, ErrorCodes.NOT_FOUND,
            OperationAdmin.NOT_CANCELLABLE, OperationAdmin.INVALID_REASON).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), retry ? "operation.retry" : "operation.cancel");
    long id = OperationIds.of(r.ctx());
    AuditNotes.target(r.ctx(), "operation:" + id);
    String reason = retry ? null : Forms.required(r.ctx(), "reason");
    reauth.confirm(r);
    if (retry) {
      Operation again = operations.retry(id, r.caller().name());
      AuditNotes.reason(r.ctx(), "retried as operation " + again.id());
      r.ctx().status(202);
      pages.render(r.ctx(), "notice", Map.of("message", "Operation " + id + " is retried as operation " + again.id() + " ("
          + again.kind() + "); the executor sends it.", "next", "/console/operations/" + again.id()));
      return;
    }
    Operation cancelled = operations.cancel(id, r.caller().name(), reason);
    AuditNotes.reason(r.ctx(), "cancelled: " + reason.strip());
    pages.render(r.ctx(), "notice", Map.of("message", "Operation " + id + " is " + cancelled.status() + ": nothing was signed"
        + " or sent.", "next", "/console/operations/" + id));
  }
}
