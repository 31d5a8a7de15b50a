package org.centurion.seatmanager.web.audit;

import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.audit.AuditEntry;
import org.centurion.seatmanager.audit.AuditLog;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code GET /v1/audit-logs/{id}} (CSM-03: ADMIN only). */
public final class GetAuditLogEndpoint implements Endpoint {
  private final AuditLog log;

  public GetAuditLogEndpoint(AuditLog log) {
    this.log = log;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/audit-logs/{id}").summary("One audit log entry").users(Role.ADMIN)
        .response(AuditEntry.class).errors(ErrorCodes.NOT_FOUND).build();
  }

  @Override
  public void handle(ApiRequest r) {
    String v = r.ctx().pathParam("id");
    if (!v.matches("[1-9][0-9]{0,17}")) {
      throw ApiError.notFound("no such audit entry");
    }
    r.ctx().json(log.get(Long.parseLong(v)).orElseThrow(() -> ApiError.notFound("no such audit entry")));
  }
}
