package org.centurion.seatmanager.web.console;

import java.util.Map;
import org.centurion.seatmanager.alerts.AlertQuery;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.console.Pages;
import org.centurion.seatmanager.dashboard.DashboardHealth;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code GET /console/dashboard} (CSM-03: ADMIN only, as {@code /v1/dashboard/health}): the same
 * health report plus the open alerts; htmx refreshes the panel every 15 s.
 */
public final class DashboardEndpoint implements Endpoint {
  static final int ALERTS_SHOWN = 50;
  private final Pages pages;
  private final DashboardHealth health;
  private final AlertService alerts;

  private final org.centurion.seatmanager.dashboard.WorkWaiting waiting;

  public DashboardEndpoint(Pages pages, DashboardHealth health, AlertService alerts,
      org.centurion.seatmanager.dashboard.WorkWaiting waiting) {
    this.pages = pages;
    this.health = health;
    this.alerts = alerts;
    this.waiting = waiting;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/console/dashboard").summary("Console: operational health and open alerts")
        .sessions(Role.ADMIN).html().build();
  }

  @Override
  public void handle(ApiRequest r) {
    pages.page(r, "dashboardPanel", "dashboard", Map.of("report", health.report(),
        "alerts", alerts.list(AlertQuery.openAlerts(ALERTS_SHOWN)), "waiting", waiting.now(), "funnel", waiting.byState()));
  }
}
