package org.centurion.seatmanager.console.http;

import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SessionCookie;
import org.centurion.seatmanager.auth.SessionService;
import org.centurion.seatmanager.auth.http.SessionEnd;
import org.centurion.seatmanager.console.ConsoleErrors;
import org.centurion.seatmanager.console.Pages;
import org.centurion.seatmanager.http.ApiRequest;
import org.centurion.seatmanager.http.Endpoint;
import org.centurion.seatmanager.http.EndpointSpec;

/** {@code POST /console/logout}: revokes this session and clears the cookie. */
public final class LogoutEndpoint implements Endpoint {
  private final SessionService sessions;
  private final SessionCookie cookie;

  public LogoutEndpoint(SessionService sessions, SessionCookie cookie) {
    this.sessions = sessions;
    this.cookie = cookie;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/console/logout").summary("Console: sign out").sessions(Role.VIEWER).html().build();
  }

  @Override
  public void handle(ApiRequest r) {
    SessionEnd.endCallersSession(r, sessions, cookie);
    Pages.redirect(r.ctx(), ConsoleErrors.LOGIN);
  }
}
