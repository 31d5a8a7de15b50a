package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import io.javalin.http.Context;
import java.util.Map;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.PageErrors;

/**
 * How the console shows a refusal: no identity goes to the login page, a temporary password to the
 * password page, anything else is the error's status with its message and stable code (a fragment
 * for htmx, so it lands where the user acted).
 */
public final class ConsoleErrors implements PageErrors {
  public static final String LOGIN = "/console/login";
  public static final String PASSWORD = "/console/password";
  private final Pages pages;

  public ConsoleErrors(Pages pages) {
    this.pages = pages;
  }

  @Override
  public void render(Context ctx, ApiError e) {
    if (e.status() == 401) {
      ctx.status(401);
      Pages.redirect(ctx, LOGIN);
      return;
    }
    if (ErrorCodes.PASSWORD_CHANGE_REQUIRED.equals(e.code())) {
      ctx.status(403);
      Pages.redirect(ctx, PASSWORD);
      return;
    }
    ctx.status(e.status());
    Map<String, Object> p = Map.of("status", e.status(), "code", e.code(), "message", e.getMessage(),
        "chrome", Chrome.signedOut());
    pages.render(ctx, Pages.partial(ctx) ? "errorFragment" : "error", p);
  }
}
