package org.centurion.seatmanager.web.ops;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.javalin.http.Context;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.ops.Operation;
import org.centurion.seatmanager.ops.OperationAdmin;
import org.centurion.seatmanager.ops.OperationKind;
import org.centurion.seatmanager.ops.OperationStatus;
import org.centurion.seatmanager.ops.OperationViews;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.CursorPaging;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code GET /v1/operations?status=&kind=&seat=&minAge=PT1H&cursor=&limit=}: every operation, newest
 * first, by cursor pages.
 */
public final class ListOperationsEndpoint implements Endpoint {
  private static final Set<String> PARAMS = Set.of("status", "kind", "seat", "minAge", "cursor", "limit");
  private final OperationAdmin operations;

  public ListOperationsEndpoint(OperationAdmin operations) {
    this.operations = operations;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/operations").summary("Operations, newest first (filters status, kind, seat, minAge; cursor pages)")
        .users(Role.VIEWER).response(Map.class).errors("INVALID_QUERY").build();
  }

  @Override
  public void handle(ApiRequest r) {
    OperationAdmin.Filter f = filter(r.ctx());
    List<Operation> page = operations.list(f);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("operations", page.stream().map(OperationViews::operation).toList());
    body.put("nextCursor", CursorPaging.nextCursor(page, f.limit(), Operation::id));
    r.ctx().json(body);
  }

  /** The query as a filter; anything malformed is 400 INVALID_QUERY. Shared with the console's list page. */
  public static OperationAdmin.Filter filter(Context ctx) {
    CursorPaging.onlyParams(ctx, PARAMS);
    CursorPaging.noRepeats(ctx);
    Optional<OperationStatus> status = Optional.ofNullable(ctx.queryParam("status")).filter(s -> !s.isEmpty())
        .map(s -> named(OperationStatus.class, s, "status"));
    Optional<OperationKind> kind = Optional.ofNullable(ctx.queryParam("kind")).filter(s -> !s.isEmpty())
        .map(s -> named(OperationKind.class, s, "kind"));
    Optional<Long> seat = CursorPaging.number(Optional.ofNullable(ctx.queryParam("seat")).filter(s -> !s.isEmpty()).orElse(null), "seat");
    Optional<Duration> minAge = Optional.ofNullable(ctx.queryParam("minAge")).filter(s -> !s.isEmpty()).map(ListOperationsEndpoint::age);
    return new OperationAdmin.Filter(status, kind, seat, minAge, CursorPaging.cursor(ctx), CursorPaging.limit(ctx, OperationAdmin.MAX_LIMIT));
  }

  private static <E extends Enum<E>> E named(Class<E> type, String value, String name) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("INVALID_QUERY", name + " is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  private static Duration age(String value) {
    try {
      Duration d = Duration.parse(value);
      if (d.isNegative()) {
        throw ApiError.badRequest("INVALID_QUERY", "minAge must not be negative");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("INVALID_QUERY", "minAge is an ISO-8601 duration such as PT30M");
    }
  }
}
