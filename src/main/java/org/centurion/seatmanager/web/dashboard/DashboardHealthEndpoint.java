package org.centurion.seatmanager.web.dashboard;

import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.dashboard.DashboardHealth;
import org.centurion.seatmanager.dashboard.HealthReport;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code GET /v1/dashboard/health} (CSM-03: ADMIN only): database and migrations, every EL and CL
 * endpoint, watcher cursors and lag, the executor queue, the signer, writes, warnings, open alerts.
 */
public final class DashboardHealthEndpoint implements Endpoint {
  private final DashboardHealth health;

  public DashboardHealthEndpoint(DashboardHealth health) {
    this.health = health;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/dashboard/health").summary("Operational health for the on-call operator")
        .users(Role.ADMIN).response(HealthReport.class).errors(ErrorCodes.INVALID_QUERY).build();
  }

  @Override
  public void handle(ApiRequest r) {
    if (!r.ctx().queryParamMap().isEmpty()) {
      throw ApiError.badRequest(ErrorCodes.INVALID_QUERY, "this route takes no query parameters");
    }
    r.ctx().json(health.report());
  }
}
