package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
  /** The filters of GET /v1/seats the page offers, in the order of its form. */
  static final List<String> FILTERS = List.of("state", "operator", "beneficiary", "pubkey", "vault");
  private final Pages pages;
  private final SeatsFeature seats;

  public SeatsEndpoint(Pages pages, SeatsFeature seats) {
    this.pages = pages;
    this.seats = seats;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/console/seats").summary("Console: seats (filters: state, operator, beneficiary, pubkey, vault; paging: after, limit)")
        .sessions(Role.VIEWER).html().errors(ErrorCodes.INVALID_FILTER).build();
  }

  @Override
  public void handle(ApiRequest r) {
    Context ctx = r.ctx();
    Map<String, List<String>> query = new HashMap<>();
    // issue 17: find a seat by state, operator, beneficiary, pubkey or vault, through the API's own filter checks
    Map<String, String> filters = new LinkedHashMap<>();
    for (String f : FILTERS) {
      String v = ctx.queryParam(f);
      if (v != null && !v.isBlank()) {
        filters.put(f, v.strip());
        query.put(f, List.of(v.strip()));
      }
    }
    for (String p : List.of("after", "limit")) {
      if (ctx.queryParam(p) != null) {
        query.put(p, ctx.queryParams(p));
      }
    }
    query.putIfAbsent("limit", List.of(PAGE_SIZE));
    Map<String, Object> page = seats.queries().list(query);
    pages.page(r, "seatsTable", "seats", Map.of("page", page, "filters", filters,
        "states", Arrays.stream(SeatState.values()).map(Enum::name).toList()));
  }
}
