package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.console.Pages;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code GET /console}: the dashboard for ADMINs (CSM-03 keeps it theirs), the seats for everyone else. */
public final class HomeEndpoint implements Endpoint {
  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/console").summary("Console: start page").sessions(Role.VIEWER).html().build();
  }

  @Override
  public void handle(ApiRequest r) {
    boolean admin = r.caller().role().filter(x -> x == Role.ADMIN).isPresent();
    Pages.redirect(r.ctx(), admin ? "/console/dashboard" : "/console/seats");
  }
}
