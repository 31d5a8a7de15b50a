package org.centurion.seatmanager.web.console;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.ops.OperationAdmin;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.ops.OperationIds;

/**
 * {@code GET /console/operations/{id}}: one operation as {@code GET /v1/operations/{id}} shows it (the
 * decoded call, its intents and signed attempts, retry links) and what can be done with it and why not
 * (where a TRANSACTION_STUCK alert sends the operator).
 */
public final class OperationEndpoint implements Endpoint {
  private final Pages pages;
  private final OperationAdmin operations;

  public OperationEndpoint(Pages pages, OperationAdmin operations) {
    this.pages = pages;
    this.operations = operations;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/console/operations/{id}").summary("Console: an operation with its intents, attempts and possible actions")
        .sessions(Role.VIEWER).html().errors("NOT_FOUND").build();
  }

  @Override
  public void handle(ApiRequest r) {
    Map<String, Object> detail = operations.detail(OperationIds.of(r.ctx()));
    boolean admin = r.caller().role().filter(role -> role.atLeast(Role.ADMIN)).isPresent();
    pages.page(r, "operationDetail", "operation", Map.of("operation", detail, "admin", admin));
  }
}
