package org.centurion.seatmanager.web.console;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.ops.ApprovalService;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code GET /console/approvals} (issue 15): the pending two-person approvals, each with everything
 * it will do, who asked and when it expires; another ADMIN approves or rejects it here.
 */
public final class ApprovalsEndpoint implements Endpoint {
  private final Pages pages;
  private final ApprovalService approvals;

  public ApprovalsEndpoint(Pages pages, ApprovalService approvals) {
    this.pages = pages;
    this.approvals = approvals;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/console/approvals").summary("Console: pending two-person approvals, to approve or reject")
        .sessions(Role.ADMIN).html().build();
  }

  @Override
  public void handle(ApiRequest r) {
    pages.page(r, "approvalsTable", "approvals", Map.of("approvals", approvals.pending(), "required", approvals.required(),
        "me", r.caller().name()));
  }
}
