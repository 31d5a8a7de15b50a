package org.centurion.seatmanager.web.console;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.User;
import org.centurion.seatmanager.auth.UserService;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;

/**
 * {@code POST /console/users/{id}/role} (issue 17; ADMIN, re-authenticated): as {@code PATCH /v1/users/{id}}
 * with {@code role}. Any change of role ends the user's sessions; the last enabled ADMIN stays; an
 * ADMIN does not change their own role here (another ADMIN must).
 */
public final class ChangeRoleEndpoint implements Endpoint {
  private final UserService users;
  private final Reauthentication reauth;
  private final Pages pages;

  public ChangeRoleEndpoint(UserService users, Reauthentication reauth, Pages pages) {
    this.users = users;
    this.reauth = reauth;
    this.pages = pages;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/console/users/{id}/role")
        .summary("Console: change a user's role (form: role=VIEWER|OPERATOR|ADMIN, confirmPassword[, totp])")
        .sessions(Role.ADMIN).html()
        .errors(Forms.INVALID_FORM, ErrorCodes.NOT_FOUND, ErrorCodes.LAST_ADMIN, ErrorCodes.STEP_UP_FAILED,
            ErrorCodes.RATE_LIMITED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    Context ctx = r.ctx();
    long id = Forms.pathId(ctx, "id");
    AuditNotes.action(ctx, "user.update");
    AuditNotes.target(ctx, "user:" + id);
    Role role;
    try {
      role = Role.valueOf(Forms.required(ctx, "role"));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(Forms.INVALID_FORM, "role is VIEWER, OPERATOR or ADMIN");
    }
    if (r.caller().userId().filter(self -> self == id).isPresent()) {
      throw ApiError.badRequest(Forms.INVALID_FORM, "you do not change your own role: another ADMIN must");
    }
    reauth.confirm(r);
    User u = users.update(id, Optional.of(role), Optional.empty());
    AuditNotes.reason(ctx, "role " + u.role());
    ctx.header("HX-Trigger", "users-changed");
    pages.render(ctx, "notice", Map.of("message", u.username() + " is now " + u.role()
        + "; their sessions have ended, so the new role applies from their next sign-in.", "next", ""));
  }
}
