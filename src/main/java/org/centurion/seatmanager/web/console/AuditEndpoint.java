package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.audit.AuditChainChecks;
import org.centurion.seatmanager.audit.AuditEntry;
import org.centurion.seatmanager.audit.AuditLog;
import org.centurion.seatmanager.audit.AuditQuery;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.console.Pages;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code GET /console/audit} (CSM-03: ADMIN only): the audit log newest first, paged by cursor
 * (the last id seen). The full page shows the chain's last recorded verification (when, result, rows):
 * walking a chain of 1,000,000 rows takes seconds, so it walks only on {@code ?verify=now}, one walk at a
 * time per process (issue 18).
 */
public final class AuditEndpoint implements Endpoint {
  static final int PAGE_SIZE = 50;
  /** The one value of {@code verify}: walk the chain for this load. */
  static final String VERIFY_NOW = "now";
  private final Pages pages;
  private final AuditLog log;
  private final AuditChainChecks checks;

  public AuditEndpoint(Pages pages, AuditLog log, AuditChainChecks checks) {
    this.pages = pages;
    this.log = log;
    this.checks = checks;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/console/audit").summary("Console: audit log (paging: cursor) and the last chain verification (verify=now walks it)")
        .sessions(Role.ADMIN).html().errors(ErrorCodes.INVALID_QUERY).build();
  }

  @Override
  public void handle(ApiRequest r) {
    String raw = r.ctx().queryParam("cursor");
    if (raw != null && !raw.matches("[0-9]{1,18}")) {
      throw ApiError.badRequest(ErrorCodes.INVALID_QUERY, "cursor must be a non-negative integer");
    }
    String verify = r.ctx().queryParam("verify");
    if (verify != null && !verify.equals(VERIFY_NOW)) {
      throw ApiError.badRequest(ErrorCodes.INVALID_QUERY, "verify must be 'now' or absent");
    }
    Optional<Long> cursor = Optional.ofNullable(raw).map(Long::parseLong);
    List<AuditEntry> items = log.list(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), cursor, PAGE_SIZE));
    Long next = items.size() == PAGE_SIZE ? items.get(items.size() - 1).id() : null;
    Map<String, Object> p = new java.util.HashMap<>();
    p.put("items", items);
    p.put("next", next);
    if (!Pages.partial(r.ctx())) {
      Optional<AuditChainChecks.Check> walked = verify == null ? Optional.empty() : checks.verifyNow(r.caller().name());
      p.put("check", walked.or(checks::last).orElse(null));
      p.put("walked", walked.isPresent());
      // asked for a walk while another runs in this process: say so rather than start a second full read
      p.put("busy", verify != null && walked.isEmpty());
    }
    pages.page(r, "auditTable", "audit", p);
  }
}
