package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.auth.SessionCookie;
import org.centurion.seatmanager.auth.SessionService;
import org.centurion.seatmanager.web.auth.SessionEnd;
import org.centurion.seatmanager.web.console.ConsoleErrors;
import org.centurion.seatmanager.web.console.Pages;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

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
