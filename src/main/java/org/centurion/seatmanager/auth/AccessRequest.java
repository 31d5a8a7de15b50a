package org.centurion.seatmanager.auth;

import java.util.Map;
import java.util.Optional;

/**
 * The credentials and claims one request carries, already read off the wire by the web layer; nothing
 * here has been checked yet.
 *
 * @param bearer the {@code Authorization: Bearer} token, if any
 * @param sessionCookie the session cookie, if any (only looked at when there is no bearer token)
 * @param csrfToken the CSRF header a cookie-authenticated write must carry
 * @param stakerAddress the {@code X-Staker-Address} header a staker key must be sent with
 * @param stepUpToken the step-up header of an irreversible request
 * @param backgroundRefresh the page marked the request as a timed refresh, not use
 * @param concreteRoute method and concrete path: what a step-up token must name
 * @param pathParams the route's path parameters ({@code id}, {@code address}, …)
 * @param clientIp the address the request came from
 */
public record AccessRequest(Optional<String> bearer, Optional<String> sessionCookie, Optional<String> csrfToken,
    Optional<String> stakerAddress, Optional<String> stepUpToken, boolean backgroundRefresh, String concreteRoute,
    Map<String, String> pathParams, String clientIp) {

  public AccessRequest {
    pathParams = Map.copyOf(pathParams);
  }
}
