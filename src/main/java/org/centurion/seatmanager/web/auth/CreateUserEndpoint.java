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

/**
 * {@code POST /v1/users}: a new user with a temporary password (given, or generated and shown
 * once); the user must change it at first login.
 */
public final class CreateUserEndpoint implements Endpoint {
  private final UserService users;

  public CreateUserEndpoint(UserService users) {
    this.users = users;
  }

  public record CreateUserRequest(String username, Role role, String password) {
    @Override
    public String toString() {
      return "CreateUserRequest[username=" + username + ", role=" + role + ", password redacted]";
    }
  }

  public record CreateUserResponse(User user, String temporaryPassword) {
    @Override
    public String toString() {
      return "CreateUserResponse[" + user + ", password redacted]";
    }
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/users").summary("Create a user (temporary password)")
        .sessions(Role.ADMIN).stepUp().request(CreateUserRequest.class).response(CreateUserResponse.class)
        .errors(ErrorCodes.INVALID_USERNAME, ErrorCodes.INVALID_ROLE, ErrorCodes.PASSWORD_POLICY, ErrorCodes.USERNAME_TAKEN).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "user.create");
    CreateUserRequest req = Requests.body(r, CreateUserRequest.class);
    AuditNotes.target(r.ctx(), "username:" + req.username());
    if (req.role() == null) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ROLE, "role is one of VIEWER, OPERATOR, ADMIN");
    }
    UserService.Created c = users.create(req.username(), req.role(), Optional.ofNullable(req.password()));
    AuditNotes.target(r.ctx(), "user:" + c.user().id());
    r.ctx().status(201).json(new CreateUserResponse(c.user(), c.generatedPassword().orElse(null)));
  }
}
