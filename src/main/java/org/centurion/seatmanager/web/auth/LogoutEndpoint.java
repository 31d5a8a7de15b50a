package org.centurion.seatmanager.web.auth;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.auth.SessionCookie;
import org.centurion.seatmanager.auth.SessionService;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code POST /v1/auth/logout}: revokes the caller's session (and so its step-up tokens). */
public final class LogoutEndpoint implements Endpoint {
  private final SessionService sessions;
  private final SessionCookie cookie;

  public LogoutEndpoint(SessionService sessions, SessionCookie cookie) {
    this.sessions = sessions;
    this.cookie = cookie;
  }

  /** Also a route a user with a temporary password may still use (SecurityFeature's guard). */
  public static final EndpointSpec SPEC = EndpointSpec.post("/v1/auth/logout").summary("Log out: revoke this session")
        .sessions(Role.VIEWER).response(Map.class).build();

  @Override
  public EndpointSpec spec() {
    return SPEC;
  }

  @Override
  public void handle(ApiRequest r) {
    SessionEnd.endCallersSession(r, sessions, cookie);
    r.ctx().json(Map.of("status", "logged out"));
  }
}
