package org.centurion.seatmanager.web.console;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.UserService;
import org.centurion.seatmanager.web.console.Pages;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code GET /console/users} (ADMIN): the users, with create, disable/enable and password reset. */
public final class UsersEndpoint implements Endpoint {
  private final Pages pages;
  private final UserService users;

  public UsersEndpoint(Pages pages, UserService users) {
    this.pages = pages;
    this.users = users;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/console/users").summary("Console: user management").sessions(Role.ADMIN).html().build();
  }

  @Override
  public void handle(ApiRequest r) {
    pages.page(r, "usersTable", "users", Map.of("users", users.list(),
        "self", r.caller().userId().orElse(0L), "roles", java.util.List.of(Role.values())));
  }
}
