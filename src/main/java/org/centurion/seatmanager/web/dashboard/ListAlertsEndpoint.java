package org.centurion.seatmanager.web.dashboard;

import org.centurion.seatmanager.problem.ErrorCodes;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.centurion.seatmanager.alerts.Alert;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertQuery;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.Severity;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.CursorPaging;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code GET /v1/dashboard/alerts} (CSM-03: ADMIN only): newest first, filtered by kind,
 * severity, seat and {@code state=open|resolved}, paged by cursor (the last id seen).
 */
public final class ListAlertsEndpoint implements Endpoint {
  private static final Set<String> PARAMS = Set.of("kind", "severity", "seat", "state", "cursor", "limit");
  private final AlertService alerts;

  public ListAlertsEndpoint(AlertService alerts) {
    this.alerts = alerts;
  }

  public record Page(List<Alert> items, String nextCursor) {}

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/dashboard/alerts").summary("Alerts (filters: kind, severity, seat, state; cursor pagination)")
        .users(Role.ADMIN).response(Page.class).errors(ErrorCodes.INVALID_QUERY).build();
  }

  @Override
  public void handle(ApiRequest r) {
    Context ctx = r.ctx();
    CursorPaging.onlyParams(ctx, PARAMS);
    CursorPaging.noRepeats(ctx);
    int limit = CursorPaging.limit(ctx, AlertQuery.MAX_LIMIT);
    Optional<AlertKind> kind = named(ctx.queryParam("kind"), "kind", AlertKind::valueOf);
    Optional<Severity> severity = named(ctx.queryParam("severity"), "severity", Severity::valueOf);
    Optional<Boolean> open = Optional.ofNullable(ctx.queryParam("state")).map(s -> switch (s) {
      case "open" -> true;
      case "resolved" -> false;
      default -> throw ApiError.badRequest(ErrorCodes.INVALID_QUERY, "state is open or resolved");
    });
    AlertQuery q = new AlertQuery(kind, severity, CursorPaging.number(ctx.queryParam("seat"), "seat"), open,
        CursorPaging.cursor(ctx), limit);
    List<Alert> items = alerts.list(q);
    ctx.json(new Page(items, CursorPaging.nextCursor(items, limit, Alert::id)));
  }

  private static <E extends Enum<E>> Optional<E> named(String v, String name, Function<String, E> parse) {
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse.apply(v.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(ErrorCodes.INVALID_QUERY, "unknown " + name);
    }
  }
}
