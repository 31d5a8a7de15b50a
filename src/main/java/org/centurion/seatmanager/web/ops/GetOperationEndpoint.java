package org.centurion.seatmanager.web.ops;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.ops.OperationAdmin;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code GET /v1/operations/{id}}: one operation, its intents and attempts, its retry links and its next actions. */
public final class GetOperationEndpoint implements Endpoint {
  private final OperationAdmin operations;

  public GetOperationEndpoint(OperationAdmin operations) {
    this.operations = operations;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/operations/{id}").summary("One operation with its intents, attempts and possible actions")
        .users(Role.VIEWER).response(Map.class).errors("NOT_FOUND").build();
  }

  @Override
  public void handle(ApiRequest r) {
    r.ctx().json(operations.detail(OperationIds.of(r.ctx())));
  }
}
