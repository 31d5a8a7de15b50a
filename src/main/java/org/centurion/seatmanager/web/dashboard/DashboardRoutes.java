package org.centurion.seatmanager.web.dashboard;

import java.util.List;
import org.centurion.seatmanager.dashboard.DashboardFeature;
import org.centurion.seatmanager.web.Endpoint;

/** The dashboard routes of the API: health, the alert list, acknowledging an alert. */
public final class DashboardRoutes {
  private DashboardRoutes() {}

  public static List<Endpoint> of(DashboardFeature dashboard) {
    return List.of(new DashboardHealthEndpoint(dashboard.health()), new ListAlertsEndpoint(dashboard.alerts()),
        new AcknowledgeAlertEndpoint(dashboard.alerts()));
  }
}
