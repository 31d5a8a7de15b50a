package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.User;
import org.centurion.seatmanager.auth.UserService;
import org.centurion.seatmanager.web.console.Forms;
import org.centurion.seatmanager.web.console.Pages;
import org.centurion.seatmanager.web.console.Reauthentication;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code POST /console/users/{id}/disabled} (ADMIN, re-authenticated): as {@code PATCH /v1/users/{id}}
 * with {@code disabled}; disabling ends the user's sessions, and the last enabled ADMIN stays.
 */
public final class DisableUserEndpoint implements Endpoint {
  private final UserService users;
  private final Reauthentication reauth;
  private final Pages pages;

  public DisableUserEndpoint(UserService users, Reauthentication reauth, Pages pages) {
    this.users = users;
    this.reauth = reauth;
    this.pages = pages;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/console/users/{id}/disabled")
        .summary("Console: disable or enable a user (form: disabled=true|false, confirmPassword[, totp])")
        .sessions(Role.ADMIN).html()
        .errors(Forms.INVALID_FORM, ErrorCodes.NOT_FOUND, ErrorCodes.LAST_ADMIN, ErrorCodes.STEP_UP_FAILED, ErrorCodes.RATE_LIMITED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    Context ctx = r.ctx();
    long id = Forms.pathId(ctx, "id");
    AuditNotes.action(ctx, "user.update");
    AuditNotes.target(ctx, "user:" + id);
    boolean disabled = switch (Forms.required(ctx, "disabled")) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiError.badRequest(Forms.INVALID_FORM, "disabled is true or false");
    };
    reauth.confirm(r);
    User u = users.update(id, Optional.empty(), Optional.of(disabled));
    ctx.header("HX-Trigger", "users-changed");
    pages.render(ctx, "notice", Map.of("message", u.username() + (disabled
        ? " is disabled; their sessions have ended." : " is enabled."), "next", ""));
  }
}
