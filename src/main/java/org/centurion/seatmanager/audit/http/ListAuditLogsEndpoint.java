package org.centurion.seatmanager.audit.http;

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
import org.centurion.seatmanager.http.ApiError;
import org.centurion.seatmanager.http.ApiRequest;
import org.centurion.seatmanager.http.Endpoint;
import org.centurion.seatmanager.http.EndpointSpec;

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
        .users(Role.ADMIN).response(Page.class).errors("INVALID_QUERY").build();
  }

  @Override
  public void handle(ApiRequest r) {
    Context ctx = r.ctx();
    for (String p : ctx.queryParamMap().keySet()) {
      if (!PARAMS.contains(p)) {
        throw ApiError.badRequest("INVALID_QUERY", "unknown query parameter: " + p.replaceAll("[^A-Za-z0-9_-]", "?"));
      }
    }
    int limit = parseInt(ctx.queryParam("limit"), 100, "limit");
    if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
      throw ApiError.badRequest("INVALID_QUERY", "limit must be 1.." + AuditQuery.MAX_LIMIT);
    }
    Optional<Long> cursor = Optional.ofNullable(ctx.queryParam("cursor")).map(c -> (long) parseInt(c, 0, "cursor"));
    Optional<AuditResult> result = Optional.ofNullable(ctx.queryParam("result")).map(v -> {
      try {
        return AuditResult.valueOf(v.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("INVALID_QUERY", "result is ATTEMPTED, SUCCESS, DENIED or FAILED");
      }
    });
    AuditQuery q = new AuditQuery(Optional.ofNullable(ctx.queryParam("actor")),
        Optional.ofNullable(ctx.queryParam("action")), Optional.ofNullable(ctx.queryParam("target")), result,
        time(ctx.queryParam("from"), "from"), time(ctx.queryParam("to"), "to"), cursor, limit);
    List<AuditEntry> items = log.list(q);
    String next = items.size() == limit ? Long.toString(items.get(items.size() - 1).id()) : null;
    ctx.json(new Page(items, next));
  }

  private static int parseInt(String v, int dflt, String name) {
    if (v == null) {
      return dflt;
    }
    if (!v.matches("[0-9]{1,9}")) {
      throw ApiError.badRequest("INVALID_QUERY", name + " must be a non-negative integer");
    }
    return Integer.parseInt(v);
  }

  private static Optional<Instant> time(String v, String name) {
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(v));
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("INVALID_QUERY", name + " must be an ISO-8601 instant, e.g. 2026-04-01T00:00:00Z");
    }
  }
}
