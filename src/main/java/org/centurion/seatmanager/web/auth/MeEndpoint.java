package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.auth.SecurityGuard;
import org.centurion.seatmanager.auth.SessionService;
import org.centurion.seatmanager.auth.User;
import org.centurion.seatmanager.auth.UserService;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code GET /v1/auth/me}: the session's user, and its CSRF token for a reloaded console. */
public final class MeEndpoint implements Endpoint {
  private final UserService users;
  private final SessionService sessions;

  public MeEndpoint(UserService users, SessionService sessions) {
    this.users = users;
    this.sessions = sessions;
  }

  public record Me(User user, long sessionId, String csrfToken) {
    @Override
    public String toString() {
      return "Me[" + user + ", csrf redacted]";
    }
  }

  /** Also a route a user with a temporary password may still use (SecurityFeature's guard). */
  public static final EndpointSpec SPEC = EndpointSpec.get("/v1/auth/me").summary("The current session's user")
        .sessions(Role.VIEWER).response(Me.class).build();

  @Override
  public EndpointSpec spec() {
    return SPEC;
  }

  @Override
  public void handle(ApiRequest r) {
    User u = users.require(Requests.userId(r));
    r.ctx().json(new Me(u, Requests.sessionId(r), sessions.csrfToken(SecurityGuard.sessionToken(r.ctx()))));
  }
}
