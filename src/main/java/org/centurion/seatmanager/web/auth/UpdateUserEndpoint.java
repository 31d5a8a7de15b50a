package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Optional;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.User;
import org.centurion.seatmanager.auth.UserService;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code PATCH /v1/users/{id}}: role and disabled; disabling or demoting ends the user's sessions. */
public final class UpdateUserEndpoint implements Endpoint {
  private final UserService users;

  public UpdateUserEndpoint(UserService users) {
    this.users = users;
  }

  public record UpdateUserRequest(Role role, Boolean disabled) {}

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.patch("/v1/users/{id}").summary("Change a user's role or disabled state")
        .sessions(Role.ADMIN).stepUp().request(UpdateUserRequest.class).response(User.class)
        .errors(ErrorCodes.NOT_FOUND, ErrorCodes.EMPTY_UPDATE, ErrorCodes.LAST_ADMIN).build();
  }

  @Override
  public void handle(ApiRequest r) {
    long id = Requests.id(r.ctx(), "id");
    AuditNotes.action(r.ctx(), "user.update");
    AuditNotes.target(r.ctx(), "user:" + id);
    UpdateUserRequest req = Requests.body(r, UpdateUserRequest.class);
    if (req.role() == null && req.disabled() == null) {
      throw ApiError.badRequest(ErrorCodes.EMPTY_UPDATE, "give role and/or disabled");
    }
    r.ctx().json(users.update(id, Optional.ofNullable(req.role()), Optional.ofNullable(req.disabled())));
  }
}
