package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.User;
import org.centurion.seatmanager.auth.UserService;
import org.centurion.seatmanager.web.console.ConsoleErrors;
import org.centurion.seatmanager.web.console.Forms;
import org.centurion.seatmanager.web.console.Pages;
import org.centurion.seatmanager.web.console.Reauthentication;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code POST /console/users/{id}/password-reset} (ADMIN, re-authenticated): as an ADMIN's
 * {@code POST /v1/users/{id}/password} for another user: a generated temporary password, shown
 * once; all that user's sessions end and they must change it at their next sign-in.
 */
public final class ResetPasswordEndpoint implements Endpoint {
  private final UserService users;
  private final Reauthentication reauth;
  private final Pages pages;

  public ResetPasswordEndpoint(UserService users, Reauthentication reauth, Pages pages) {
    this.users = users;
    this.reauth = reauth;
    this.pages = pages;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/console/users/{id}/password-reset")
        .summary("Console: give another user a temporary password, shown once (form: confirmPassword[, totp])")
        .sessions(Role.ADMIN).html()
        .errors(Forms.INVALID_FORM, ErrorCodes.NOT_FOUND, ErrorCodes.OWN_PASSWORD, ErrorCodes.STEP_UP_FAILED, ErrorCodes.RATE_LIMITED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    Context ctx = r.ctx();
    long id = Forms.pathId(ctx, "id");
    AuditNotes.action(ctx, "user.password_reset");
    AuditNotes.target(ctx, "user:" + id);
    Forms.required(ctx, Reauthentication.PASSWORD_FIELD);
    if (r.caller().userId().orElse(0L) == id) {
      throw ApiError.badRequest(ErrorCodes.OWN_PASSWORD, "change your own password on " + ConsoleErrors.PASSWORD);
    }
    reauth.confirm(r);
    User u = users.require(id);
    String temporary = users.resetPassword(id, Optional.empty()).orElseThrow();
    ctx.header("HX-Trigger", "users-changed");
    pages.render(ctx, "temporaryPassword", Map.of("username", u.username(), "password", temporary,
        "what", "reset"));
  }
}
