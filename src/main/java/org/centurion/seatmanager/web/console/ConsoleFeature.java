package org.centurion.seatmanager.web.console;

import java.util.Set;
import org.centurion.seatmanager.web.auth.SecurityFeature;
import org.centurion.seatmanager.web.PageErrors;
import org.centurion.seatmanager.seats.SeatsFeature;
import org.centurion.seatmanager.ops.OpsFeature;

/**
 * The operator console: HTML pages (JTE + htmx) registered as ordinary endpoints, so they pass the
 * same guard (sessions, roles, CSRF, forced password change), audit and security headers as the
 * API, and call the same services as the API's routes. This is what the pages share; the pages
 * themselves are listed in {@code web.routes.RouteRegistry}.
 */
public final class ConsoleFeature {
  /** What a user with a temporary password may still open: the password page and sign-out. */
  public static final Set<String> PASSWORD_CHANGE_ROUTES =
      Set.of("GET /console/password", "POST /console/password", "POST /console/logout");

  private final Pages pages;
  private final Reauthentication reauthentication;
  private final SeatActionForm seatActions;

  public ConsoleFeature(SecurityFeature security, SeatsFeature seats, OpsFeature ops) {
    this.pages = new Pages(security.sessions(), ops.pause());
    this.reauthentication = new Reauthentication(security.stepUp());
    this.seatActions = new SeatActionForm(seats, reauthentication, pages);
  }

  public Pages pages() {
    return pages;
  }

  public Reauthentication reauthentication() {
    return reauthentication;
  }

  public SeatActionForm seatActions() {
    return seatActions;
  }

  public PageErrors errors() {
    return new ConsoleErrors(pages);
  }
}
