package org.centurion.seatmanager.web.auth;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.UserService;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code GET /v1/users}. */
public final class ListUsersEndpoint implements Endpoint {
  private final UserService users;

  public ListUsersEndpoint(UserService users) {
    this.users = users;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/users").summary("List users").users(Role.ADMIN).response(Map.class).build();
  }

  @Override
  public void handle(ApiRequest r) {
    r.ctx().json(Map.of("items", users.list()));
  }
}
