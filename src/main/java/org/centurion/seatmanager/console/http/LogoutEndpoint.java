package org.centurion.seatmanager.console.http;

import org.centurion.seatmanager.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.SessionCookie;
import org.centurion.seatmanager.auth.SessionService;
import org.centurion.seatmanager.console.ConsoleErrors;
import org.centurion.seatmanager.console.Pages;
import org.centurion.seatmanager.http.ApiError;
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
    long sid = r.caller().sessionId().orElseThrow(() -> ApiError.forbidden("IDENTITY_NOT_ALLOWED", "sessions only"));
    AuditNotes.action(r.ctx(), "auth.logout");
    AuditNotes.target(r.ctx(), "session:" + sid);
    sessions.revoke(sid);
    cookie.clear(r.ctx());
    Pages.redirect(r.ctx(), ConsoleErrors.LOGIN);
  }
}
