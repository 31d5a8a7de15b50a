package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import io.javalin.http.Context;
import java.util.Map;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.UserService;
import org.centurion.seatmanager.web.console.Forms;
import org.centurion.seatmanager.web.console.Pages;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code POST /console/password}: the same change as {@code POST /v1/users/{self}/password}: the
 * current password proves it is the user, the policy applies, every other session of the user ends
 * and this one stays (so the new password can be tried before this session is closed).
 */
public final class ChangePasswordEndpoint implements Endpoint {
  private final UserService users;
  private final Pages pages;

  public ChangePasswordEndpoint(UserService users, Pages pages) {
    this.users = users;
    this.pages = pages;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/console/password")
        .summary("Console: change your password (form: currentPassword, newPassword, confirmNewPassword)")
        .sessions(Role.VIEWER).html()
        .errors(Forms.INVALID_FORM, ErrorCodes.CURRENT_PASSWORD_WRONG, ErrorCodes.PASSWORD_POLICY, org.centurion.seatmanager.auth.BreachedPasswords.CODE, ErrorCodes.PASSWORDS_DIFFER).build();
  }

  @Override
  public void handle(ApiRequest r) {
    Context ctx = r.ctx();
    long self = r.caller().userId().orElseThrow(() -> ApiError.forbidden(ErrorCodes.IDENTITY_NOT_ALLOWED, "sessions only"));
    long session = r.caller().sessionId().orElseThrow();
    AuditNotes.action(ctx, "user.password_change");
    AuditNotes.target(ctx, "user:" + self);
    String current = Forms.required(ctx, "currentPassword");
    String next = Forms.required(ctx, "newPassword");
    if (!next.equals(Forms.required(ctx, "confirmNewPassword"))) {
      throw ApiError.badRequest(ErrorCodes.PASSWORDS_DIFFER, "the new password and its confirmation differ");
    }
    users.changeOwnPassword(self, current, next, session);
    if (Pages.partial(ctx)) {
      // the notice, and the page's "your password is temporary" warning removed (out-of-band swap)
      pages.render(ctx, "passwordChanged", Map.of());
      return;
    }
    Pages.redirect(ctx, "/console");
  }
}
