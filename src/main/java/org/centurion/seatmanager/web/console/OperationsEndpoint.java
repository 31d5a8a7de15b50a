package org.centurion.seatmanager.web.console;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.ops.Operation;
import org.centurion.seatmanager.ops.OperationAdmin;
import org.centurion.seatmanager.ops.OperationStatus;
import org.centurion.seatmanager.ops.OperationViews;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.CursorPaging;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.ops.ListOperationsEndpoint;

/**
 * {@code GET /console/operations}: the treasury's operations, newest first, through the same filter as
 * {@code GET /v1/operations} (status, kind, seat, minAge; cursor pages; same validation and limits), each
 * linked to its detail page.
 */
public final class OperationsEndpoint implements Endpoint {
  private final Pages pages;
  private final OperationAdmin operations;

  public OperationsEndpoint(Pages pages, OperationAdmin operations) {
    this.pages = pages;
    this.operations = operations;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/console/operations").summary("Console: operations (filters: status, kind, seat, minAge; cursor pages)")
        .sessions(Role.VIEWER).html().errors("INVALID_QUERY").build();
  }

  @Override
  public void handle(ApiRequest r) {
    OperationAdmin.Filter f = ListOperationsEndpoint.filter(r.ctx());
    List<Operation> page = operations.list(f);
    String status = f.status().map(Enum::name).orElse("");
    String next = CursorPaging.nextCursor(page, f.limit(), Operation::id);
    pages.page(r, "operationsTable", "operations", Map.of(
        "rows", page.stream().map(OperationViews::operation).toList(),
        "nextCursor", next == null ? "" : next,
        "status", status,
        "statuses", Arrays.stream(OperationStatus.values()).map(Enum::name).toList()));
  }
}
