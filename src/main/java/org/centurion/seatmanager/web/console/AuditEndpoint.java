package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * (the last id seen), with the hash chain's verification on the full page.
 */
public final class AuditEndpoint implements Endpoint {
  static final int PAGE_SIZE = 50;
  private final Pages pages;
  private final AuditLog log;

  public AuditEndpoint(Pages pages, AuditLog log) {
    this.pages = pages;
    this.log = log;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/console/audit").summary("Console: audit log (paging: cursor) and chain verification")
        .sessions(Role.ADMIN).html().errors(ErrorCodes.INVALID_QUERY).build();
  }

  @Override
  public void handle(ApiRequest r) {
    String raw = r.ctx().queryParam("cursor");
    if (raw != null && !raw.matches("[0-9]{1,18}")) {
      throw ApiError.badRequest(ErrorCodes.INVALID_QUERY, "cursor must be a non-negative integer");
    }
    Optional<Long> cursor = Optional.ofNullable(raw).map(Long::parseLong);
    List<AuditEntry> items = log.list(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), cursor, PAGE_SIZE));
    Long next = items.size() == PAGE_SIZE ? items.get(items.size() - 1).id() : null;
    Map<String, Object> p = new java.util.HashMap<>();
    p.put("items", items);
    p.put("next", next);
    if (!Pages.partial(r.ctx())) {
      // walking the chain reads every row: done for the page, not for each further page of rows
      p.put("verification", log.verify());
    }
    pages.page(r, "auditTable", "audit", p);
  }
}
