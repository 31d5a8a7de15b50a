package org.centurion.seatmanager.web.audit;

import org.centurion.seatmanager.audit.AuditChainChecks;
import org.centurion.seatmanager.audit.AuditLog;
import org.centurion.seatmanager.audit.AuditVerification;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code GET /v1/audit-logs/verify} (CSM-03: ADMIN only): walks the hash chain, and records the outcome
 * so that the console's audit page shows it as the last verification.
 */
public final class VerifyAuditLogEndpoint implements Endpoint {
  private final AuditLog log;
  private final AuditChainChecks checks;

  public VerifyAuditLogEndpoint(AuditLog log, AuditChainChecks checks) {
    this.log = log;
    this.checks = checks;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/audit-logs/verify").summary("Verify the audit log's hash chain")
        .users(Role.ADMIN).response(AuditVerification.class).build();
  }

  @Override
  public void handle(ApiRequest r) {
    long started = System.nanoTime();
    AuditVerification v = log.verify();
    checks.record(v, java.time.Duration.ofNanos(System.nanoTime() - started), r.caller().name());
    r.ctx().json(v);
  }
}
