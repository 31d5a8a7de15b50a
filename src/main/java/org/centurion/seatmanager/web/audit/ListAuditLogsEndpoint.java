package org.centurion.seatmanager.web.audit;

import org.centurion.seatmanager.problem.ErrorCodes;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.centurion.seatmanager.audit.AuditEntry;
import org.centurion.seatmanager.audit.AuditLog;
import org.centurion.seatmanager.audit.AuditQuery;
import org.centurion.seatmanager.audit.AuditResult;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.CursorPaging;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code GET /v1/audit-logs} (CSM-03: ADMIN only): newest first, filtered by actor, action,
 * target, result and time range, paged by cursor (the last id seen). An ATTEMPTED row whose
 * {@code outcomeId} is null is a write whose process died before recording how it ended.
 */
public final class ListAuditLogsEndpoint implements Endpoint {
  private static final Set<String> PARAMS = Set.of("actor", "action", "target", "result", "from", "to", "cursor", "limit");
  private final AuditLog log;

  public ListAuditLogsEndpoint(AuditLog log) {
    this.log = log;
  }

  public record Page(List<AuditEntry> items, String nextCursor) {}

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/audit-logs").summary("Audit log entries (filters, cursor pagination)")
        .users(Role.ADMIN).response(Page.class).errors(ErrorCodes.INVALID_QUERY).build();
  }

  @Override
  public void handle(ApiRequest r) {
    Context ctx = r.ctx();
    CursorPaging.onlyParams(ctx, PARAMS);
    int limit = CursorPaging.limit(ctx, AuditQuery.MAX_LIMIT);
    Optional<AuditResult> result = Optional.ofNullable(ctx.queryParam("result")).map(v -> {
      try {
        return AuditResult.valueOf(v.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest(ErrorCodes.INVALID_QUERY, "result is ATTEMPTED, SUCCESS, DENIED or FAILED");
      }
    });
    AuditQuery q = new AuditQuery(Optional.ofNullable(ctx.queryParam("actor")),
        Optional.ofNullable(ctx.queryParam("action")), Optional.ofNullable(ctx.queryParam("target")), result,
        time(ctx.queryParam("from"), "from"), time(ctx.queryParam("to"), "to"), CursorPaging.cursor(ctx), limit);
    List<AuditEntry> items = log.list(q);
    ctx.json(new Page(items, CursorPaging.nextCursor(items, limit, AuditEntry::id)));
  }

  private static Optional<Instant> time(String v, String name) {
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(v));
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(ErrorCodes.INVALID_QUERY, name + " must be an ISO-8601 instant, e.g. 2026-04-01T00:00:00Z");
    }
  }
}
