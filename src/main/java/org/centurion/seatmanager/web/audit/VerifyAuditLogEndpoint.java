package org.centurion.seatmanager.web.audit;

import org.centurion.seatmanager.audit.AuditLog;
import org.centurion.seatmanager.audit.AuditVerification;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code GET /v1/audit-logs/verify} (CSM-03: ADMIN only): walks the hash chain. */
public final class VerifyAuditLogEndpoint implements Endpoint {
  private final AuditLog log;

  public VerifyAuditLogEndpoint(AuditLog log) {
    this.log = log;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/audit-logs/verify").summary("Verify the audit log's hash chain")
        .users(Role.ADMIN).response(AuditVerification.class).build();
  }

  @Override
  public void handle(ApiRequest r) {
    r.ctx().json(log.verify());
  }
}
