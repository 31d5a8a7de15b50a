package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.web.auth.SessionCookie;
import org.centurion.seatmanager.auth.SessionService;
import org.centurion.seatmanager.web.ApiRequest;

/** Ends the caller's own session, for every sign-out route (API and console): revoke, clear the cookie, audit. */
public final class SessionEnd {
  private SessionEnd() {}

  public static void endCallersSession(ApiRequest r, SessionService sessions, SessionCookie cookie) {
    long sid = Requests.sessionId(r);
    AuditNotes.action(r.ctx(), "auth.logout");
    AuditNotes.target(r.ctx(), "session:" + sid);
    sessions.revoke(sid);
    cookie.clear(r.ctx());
  }
}
