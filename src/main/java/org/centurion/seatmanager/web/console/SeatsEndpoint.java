package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.console.Pages;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.seats.SeatsFeature;
import org.centurion.seatmanager.seats.SeatState;

/**
 * {@code GET /console/seats}: the seats, filtered by state, paged by the last id seen ({@code after}),
 * read through the same query as {@code GET /v1/seats} (same validation, same limits).
 */
public final class SeatsEndpoint implements Endpoint {
  static final String PAGE_SIZE = "25";
  private final Pages pages;
  private final SeatsFeature seats;

  public SeatsEndpoint(Pages pages, SeatsFeature seats) {
    this.pages = pages;
    this.seats = seats;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/console/seats").summary("Console: seats (filter: state; paging: after, limit)")
        .sessions(Role.VIEWER).html().errors(ErrorCodes.INVALID_FILTER).build();
  }

  @Override
  public void handle(ApiRequest r) {
    Context ctx = r.ctx();
    Map<String, List<String>> query = new HashMap<>();
    String state = ctx.queryParam("state");
    if (state != null && !state.isEmpty()) {
      query.put("state", List.of(state));
    }
    for (String p : List.of("after", "limit")) {
      if (ctx.queryParam(p) != null) {
        query.put(p, ctx.queryParams(p));
      }
    }
    query.putIfAbsent("limit", List.of(PAGE_SIZE));
    Map<String, Object> page = seats.queries().list(query);
    pages.page(r, "seatsTable", "seats", Map.of("page", page, "state", state == null ? "" : state,
        "states", Arrays.stream(SeatState.values()).map(Enum::name).toList()));
  }
}
