package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.LoginService;
import org.centurion.seatmanager.auth.NewSession;
import org.centurion.seatmanager.web.auth.SessionCookie;
import org.centurion.seatmanager.auth.User;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code POST /v1/auth/login}: a new session (cookie and bearer token) for a username and password. */
public final class LoginEndpoint implements Endpoint {
  private final LoginService login;
  private final SessionCookie cookie;
  private final Clock clock;

  public LoginEndpoint(LoginService login, SessionCookie cookie, Clock clock) {
    this.login = login;
    this.cookie = cookie;
    this.clock = clock;
  }

  public record LoginRequest(String username, String password) {
    @Override
    public String toString() {
      return "LoginRequest[username=" + username + ", password redacted]";
    }
  }

  public record LoginResponse(User user, String csrfToken, String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "LoginResponse[" + user + ", tokens redacted]";
    }
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/auth/login").summary("Log in: session cookie plus bearer token")
        .anyone().request(LoginRequest.class).response(LoginResponse.class)
        .errors(LoginService.INVALID_CREDENTIALS, ErrorCodes.RATE_LIMITED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "auth.login");
    LoginRequest req = Requests.body(r, LoginRequest.class);
    AuditNotes.actor(r.ctx(), req.username() == null ? "(none)" : "login:" + req.username());
    NewSession s;
    try {
      s = login.login(req.username(), req.password(), r.caller().clientIp());
    } catch (LoginService.Refused refused) {
      AuditNotes.reason(r.ctx(), refused.auditReason());
      throw refused.error();
    }
    AuditNotes.actor(r.ctx(), s.user().username());
    AuditNotes.target(r.ctx(), "session:" + s.sessionId());
    long maxAge = Math.max(1, Duration.between(clock.instant(), s.expiresAt()).getSeconds());
    cookie.set(r.ctx(), s.token(), maxAge);
    r.ctx().json(new LoginResponse(s.user(), s.csrfToken(), s.token(), s.expiresAt()));
  }
}
