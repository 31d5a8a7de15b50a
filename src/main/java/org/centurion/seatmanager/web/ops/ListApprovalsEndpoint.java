package org.centurion.seatmanager.web.ops;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.ops.ApprovalService;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code GET /v1/approvals}: the pending two-person approvals, each with everything it will do. */
public final class ListApprovalsEndpoint implements Endpoint {
  private final ApprovalService approvals;

  public ListApprovalsEndpoint(ApprovalService approvals) {
    this.approvals = approvals;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/approvals").summary("Pending two-person approvals").users(Role.ADMIN).response(Map.class).build();
  }

  @Override
  public void handle(ApiRequest r) {
    r.ctx().json(Map.of("approvals", approvals.pending(), "required", approvals.required()));
  }
}
