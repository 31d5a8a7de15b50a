package org.centurion.seatmanager.web.console;

import java.util.Optional;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.ops.EmergencyPause;

/**
 * What every console page's frame shows: who is signed in and the CSRF header htmx sends with each
 * request. Empty for the login and error pages.
 *
 * @param username the signed-in user, when there is one
 * @param role that user's role
 * @param csrfToken the session's CSRF token (derived from the session token; never stored)
 * @param pause the emergency pause when it holds (issue 15): every signed-in page says so at the top
 */
public record Chrome(Optional<String> username, Optional<Role> role, Optional<String> csrfToken,
    Optional<EmergencyPause.State> pause) {
  /**
   * htmx 2 configured for a strict CSP: no injected indicator styles, no eval, no script tags in
   * swapped content, requests to this origin only, no page snapshots in localStorage (pages can show
   * a temporary password once), and every response swapped so refusals appear where the user looks.
   */
  public static final String HTMX_CONFIG = "{\"includeIndicatorStyles\":false,\"allowEval\":false,"
      + "\"allowScriptTags\":false,\"selfRequestsOnly\":true,\"historyCacheSize\":0,\"refreshOnHistoryMiss\":true,"
      + "\"responseHandling\":[{\"code\":\"204\",\"swap\":false},{\"code\":\"...\",\"swap\":true}]}";

  public static Chrome signedOut() {
    return new Chrome(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public boolean signedIn() {
    return username.isPresent();
  }

  public boolean admin() {
    return role.filter(r -> r == Role.ADMIN).isPresent();
  }

  /** The value of {@code hx-headers} on {@code <body>}, or null (attribute left out) when signed out. */
  public String hxHeaders() {
    return csrfToken.map(t -> "{\"X-CSRF-Token\":\"" + t + "\"}").orElse(null);
  }
}
