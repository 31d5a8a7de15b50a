package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.auth.UserService;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code POST /v1/users/{id}/password} (runbook §3). For oneself: with the current password; the
 * caller's session stays, every other session of the user ends. For another user: ADMIN with
 * step-up; the new password is temporary and all that user's sessions end.
 */
public final class ChangePasswordEndpoint implements Endpoint {
  private final UserService users;
  private final StepUpService stepUp;

  public ChangePasswordEndpoint(UserService users, StepUpService stepUp) {
    this.users = users;
    this.stepUp = stepUp;
  }

  public record ChangePasswordRequest(String currentPassword, String newPassword) {
    @Override
    public String toString() {
      return "ChangePasswordRequest[redacted]";
    }
  }

  /** Also a route a user with a temporary password may still use (SecurityFeature's guard). */
  public static final EndpointSpec SPEC = EndpointSpec.post("/v1/users/{id}/password")
        .summary("Change a password: one's own with the current one, another's as ADMIN with step-up")
        .sessions(Role.VIEWER).request(ChangePasswordRequest.class).response(Map.class)
        .errors(ErrorCodes.CURRENT_PASSWORD_WRONG, ErrorCodes.PASSWORD_POLICY, StepUpService.REQUIRED, StepUpService.REPLAYED, ErrorCodes.NOT_FOUND).build();

  @Override
  public EndpointSpec spec() {
    return SPEC;
  }

  @Override
  public void handle(ApiRequest r) {
    long target = Requests.id(r.ctx(), "id");
    long self = Requests.userId(r);
    AuditNotes.target(r.ctx(), "user:" + target);
    if (target == self) {
      AuditNotes.action(r.ctx(), "user.password_change");
      ChangePasswordRequest req = Requests.body(r, ChangePasswordRequest.class);
      users.changeOwnPassword(self, req.currentPassword(), req.newPassword(), Requests.sessionId(r));
      r.ctx().json(Map.of("status", "password changed; other sessions revoked"));
      return;
    }
    AuditNotes.action(r.ctx(), "user.password_reset");
    if (r.caller().role().filter(role -> role == Role.ADMIN).isEmpty()) {
      throw ApiError.forbidden(ErrorCodes.FORBIDDEN, "only an ADMIN may set another user's password");
    }
    stepUp.require(r.ctx().header(StepUpService.HEADER), Requests.sessionId(r), self, SecurityGuard.stepUpRoute(r.ctx()));
    users.require(target);
    ChangePasswordRequest req = Requests.body(r, ChangePasswordRequest.class);
    if (req.newPassword() == null) {
      throw ApiError.badRequest(ErrorCodes.PASSWORD_POLICY, "newPassword is required");
    }
    users.resetPassword(target, Optional.of(req.newPassword()));
    r.ctx().json(Map.of("status", "temporary password set; the user's sessions are revoked"));
  }
}
