package org.centurion.seatmanager.auth;

import java.util.Optional;
import java.util.Set;

/**
 * What a route demands of its caller, in the access policy's terms (the web layer reads it off the
 * route's spec).
 *
 * @param routeKey method and path template, e.g. {@code POST /v1/seats/{id}/deposit}
 * @param identities the identity kinds admitted ({@link IdentityKind#ANONYMOUS} means public)
 * @param minRole the least role a user or the static token needs
 * @param write the route changes state: CSRF-checked for cookies, refused to staker keys
 * @param stepUp irreversible: a session needs a fresh step-up token, the static token is refused
 * @param operatorScope the scope an operator key needs (the route names its seat as {@code id})
 */
public record RouteAccess(String routeKey, Set<IdentityKind> identities, Role minRole, boolean write, boolean stepUp,
    Optional<OperatorScope> operatorScope) {

  public RouteAccess {
    identities = Set.copyOf(identities);
  }

  public boolean isPublic() {
    return identities.contains(IdentityKind.ANONYMOUS);
  }

  public boolean admits(IdentityKind kind) {
    return identities.contains(kind);
  }
}
