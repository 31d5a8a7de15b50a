package org.centurion.seatmanager.auth;

import java.util.Optional;
import org.centurion.seatmanager.auth.IdentityKind;
import org.centurion.seatmanager.auth.Role;

/**
 * Who is calling, as established by the {@link RequestGuard}. Never holds a credential.
 *
 * @param userId the user's id for sessions; empty otherwise
 * @param name what the audit log shows as actor (username, "static-admin-token", key id, …)
 * @param role the role for users and the static token; empty for anonymous and staker keys
 * @param sessionId the session's id (not its token) for sessions
 * @param stakerAddress the bound address for staker keys
 */
public record Caller(
    IdentityKind kind,
    Optional<Long> userId,
    String name,
    Optional<Role> role,
    Optional<Long> sessionId,
    Optional<String> stakerAddress,
    String clientIp) {

  public static Caller anonymous(String clientIp) {
    return new Caller(IdentityKind.ANONYMOUS, Optional.empty(), "anonymous", Optional.empty(),
        Optional.empty(), Optional.empty(), clientIp);
  }
}
