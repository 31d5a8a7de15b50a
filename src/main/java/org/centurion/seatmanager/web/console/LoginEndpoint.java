package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.web.ProblemResponses;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.LoginService;
import org.centurion.seatmanager.auth.NewSession;
import org.centurion.seatmanager.web.auth.SessionCookie;
import org.centurion.seatmanager.web.console.Chrome;
import org.centurion.seatmanager.web.console.ConsoleErrors;
import org.centurion.seatmanager.web.console.Forms;
import org.centurion.seatmanager.web.console.Pages;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code POST /console/login}: a plain form post to the same {@link LoginService} as the API (same
 * throttles, lockout and one answer for every kind of failure), setting the same session cookie.
 * A temporary password leads straight to the password page.
 */
public final class LoginEndpoint implements Endpoint {
  static final String FAILED = "Invalid username or password. Repeated failures lock the account for a while.";
  static final String THROTTLED = "Too many sign-in attempts. Wait a minute, then try again.";
  private final LoginService login;
  private final SessionCookie cookie;
  private final Pages pages;
  private final Clock clock;

  public LoginEndpoint(LoginService login, SessionCookie cookie, Pages pages, Clock clock) {
    this.login = login;
    this.cookie = cookie;
    this.pages = pages;
    this.clock = clock;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/console/login").summary("Console: sign in (form: username, password)")
        .anyone().html().errors(LoginService.INVALID_CREDENTIALS, ErrorCodes.RATE_LIMITED, Forms.INVALID_FORM, ErrorCodes.CSRF_FAILED)
        .build();
  }

  @Override
  public void handle(ApiRequest r) {
    Context ctx = r.ctx();
    AuditNotes.action(ctx, "auth.login");
    requireSameOrigin(ctx);
    Optional<String> username = Forms.optional(ctx, "username");
    AuditNotes.actor(ctx, username.map(u -> "login:" + u).orElse("(none)"));
    String password = Forms.optional(ctx, "password").orElse(null);
    if (username.isEmpty() || password == null) {
      refuse(ctx, ApiError.badRequest(Forms.INVALID_FORM, "username and password are required"), null,
          username.orElse(""), "Enter your username and password.");
      return;
    }
    NewSession s;
    try {
      s = login.login(username.get(), password, r.caller().clientIp());
    } catch (LoginService.Refused refused) {
      ApiError e = ProblemResponses.toApiError(refused.error());
      refuse(ctx, e, refused.auditReason(), username.get(), e.status() == 429 ? THROTTLED : FAILED);
      return;
    }
    AuditNotes.actor(ctx, s.user().username());
    AuditNotes.target(ctx, "session:" + s.sessionId());
    cookie.set(ctx, s.token(), Math.max(1, Duration.between(clock.instant(), s.expiresAt()).getSeconds()));
    Pages.redirect(ctx, s.user().passwordChangeRequired() ? ConsoleErrors.PASSWORD : "/console");
  }

  /**
   * Login CSRF: a cross-site page must not sign a victim's browser into another account. Browsers
   * say where a request comes from in Sec-Fetch-Site; clients that do not send it are not browsers.
   */
  private static void requireSameOrigin(Context ctx) {
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw ApiError.forbidden(ErrorCodes.CSRF_FAILED, "sign-in forms are accepted from this site only");
    }
  }

  /** The form again with one message; the audit row gets the precise reason, the page never does. */
  private void refuse(Context ctx, ApiError e, String auditReason, String username, String message) {
    AuditNotes.reason(ctx, auditReason != null ? auditReason : e.code());
    ctx.status(e.status());
    pages.render(ctx, "login", Map.of("chrome", Chrome.signedOut(), "username", username, "message", message));
  }
}
