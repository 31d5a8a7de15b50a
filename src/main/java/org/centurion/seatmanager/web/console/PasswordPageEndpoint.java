package org.centurion.seatmanager.web.console;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.UserService;
import org.centurion.seatmanager.web.console.Pages;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code GET /console/password}: change one's own password (runbook §3). Reachable with a
 * temporary password, which is where sign-in sends such users.
 */
public final class PasswordPageEndpoint implements Endpoint {
  private final Pages pages;
  private final UserService users;

  public PasswordPageEndpoint(Pages pages, UserService users) {
    this.pages = pages;
    this.users = users;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/console/password").summary("Console: change your password")
        .sessions(Role.VIEWER).html().build();
  }

  @Override
  public void handle(ApiRequest r) {
    boolean temporary = r.caller().userId().flatMap(users::find).map(u -> u.passwordChangeRequired()).orElse(false);
    pages.render(r.ctx(), "password", Map.of("chrome", pages.chrome(r), "temporary", temporary));
  }
}
