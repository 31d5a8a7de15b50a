package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.UserService;
import org.centurion.seatmanager.web.console.Forms;
import org.centurion.seatmanager.web.console.Pages;
import org.centurion.seatmanager.web.console.Reauthentication;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code POST /console/users} (ADMIN, re-authenticated): as {@code POST /v1/users}, with a generated
 * temporary password shown once in the answer and nowhere else; the user must change it at first
 * sign-in.
 */
public final class CreateUserEndpoint implements Endpoint {
  private final UserService users;
  private final Reauthentication reauth;
  private final Pages pages;

  public CreateUserEndpoint(UserService users, Reauthentication reauth, Pages pages) {
    this.users = users;
    this.reauth = reauth;
    this.pages = pages;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/console/users")
        .summary("Console: create a user (form: username, role, confirmPassword[, totp]); shows the temporary password once")
        .sessions(Role.ADMIN).html()
        .errors(Forms.INVALID_FORM, ErrorCodes.INVALID_USERNAME, ErrorCodes.INVALID_ROLE, ErrorCodes.USERNAME_TAKEN, ErrorCodes.STEP_UP_FAILED, ErrorCodes.RATE_LIMITED)
        .build();
  }

  @Override
  public void handle(ApiRequest r) {
    Context ctx = r.ctx();
    AuditNotes.action(ctx, "user.create");
    String username = Forms.required(ctx, "username");
    AuditNotes.target(ctx, "username:" + username);
    Role role = role(Forms.required(ctx, "role"));
    reauth.confirm(r);
    UserService.Created c = users.create(username, role, Optional.empty());
    AuditNotes.target(ctx, "user:" + c.user().id());
    ctx.status(201);
    ctx.header("HX-Trigger", "users-changed");
    pages.render(ctx, "temporaryPassword", Map.of("username", c.user().username(),
        "password", c.generatedPassword().orElseThrow(), "what", "created"));
  }

  static Role role(String raw) {
    try {
      return Role.valueOf(raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ROLE, "role is one of VIEWER, OPERATOR, ADMIN");
    }
  }
}
