package org.centurion.seatmanager.web.console;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.centurion.seatmanager.web.auth.SecurityFeature;
import org.centurion.seatmanager.web.console.AuditEndpoint;
import org.centurion.seatmanager.web.console.DepositDataUploadEndpoint;
import org.centurion.seatmanager.web.console.SettleSeatActionEndpoint;
import org.centurion.seatmanager.web.console.ForceExitSeatActionEndpoint;
import org.centurion.seatmanager.web.console.RevokeSeatActionEndpoint;
import org.centurion.seatmanager.web.console.DepositSeatActionEndpoint;
import org.centurion.seatmanager.web.console.ApproveSeatActionEndpoint;
import org.centurion.seatmanager.web.console.ChangePasswordEndpoint;
import org.centurion.seatmanager.web.console.ConsoleAssetEndpoint;
import org.centurion.seatmanager.web.console.CreateUserEndpoint;
import org.centurion.seatmanager.web.console.AcknowledgeAlertActionEndpoint;
import org.centurion.seatmanager.web.console.DashboardEndpoint;
import org.centurion.seatmanager.web.console.DisableUserEndpoint;
import org.centurion.seatmanager.web.console.HomeEndpoint;
import org.centurion.seatmanager.web.console.LoginEndpoint;
import org.centurion.seatmanager.web.console.LoginPageEndpoint;
import org.centurion.seatmanager.web.console.LogoutEndpoint;
import org.centurion.seatmanager.web.console.PasswordPageEndpoint;
import org.centurion.seatmanager.web.console.ResetPasswordEndpoint;
import org.centurion.seatmanager.web.console.SeatEndpoint;
import org.centurion.seatmanager.web.console.SeatsEndpoint;
import org.centurion.seatmanager.web.console.UsersEndpoint;
import org.centurion.seatmanager.dashboard.DashboardFeature;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.PageErrors;
import org.centurion.seatmanager.seats.SeatsFeature;

/**
 * The operator console: HTML pages (JTE + htmx) registered as ordinary endpoints, so they pass the
 * same guard (sessions, roles, CSRF, forced password change), audit and security headers as the
 * API, and call the same services as the API's routes.
 */
public final class ConsoleFeature {
  /** What a user with a temporary password may still open: the password page and sign-out. */
  public static final Set<String> PASSWORD_CHANGE_ROUTES =
      Set.of("GET /console/password", "POST /console/password", "POST /console/logout");

  private final Pages pages;
  private final List<Endpoint> endpoints;

  public ConsoleFeature(SecurityFeature security, SeatsFeature seats, DashboardFeature dashboard, Clock clock) {
    this.pages = new Pages(security.sessions());
    Reauthentication reauth = new Reauthentication(security.stepUp());
    SeatActionForm seatActions = new SeatActionForm(seats, reauth, pages);
    this.endpoints = List.of(
        new ConsoleAssetEndpoint(),
        new LoginPageEndpoint(pages),
        new LoginEndpoint(security.login(), security.cookie(), pages, clock),
        new LogoutEndpoint(security.sessions(), security.cookie()),
        new HomeEndpoint(),
        new PasswordPageEndpoint(pages, security.users()),
        new ChangePasswordEndpoint(security.users(), pages),
        new DashboardEndpoint(pages, dashboard.health(), dashboard.alerts()),
        new AcknowledgeAlertActionEndpoint(dashboard.alerts(), pages),
        new SeatsEndpoint(pages, seats),
        new SeatEndpoint(pages, seats),
        new AuditEndpoint(pages, security.audit()),
        new UsersEndpoint(pages, security.users()),
        new CreateUserEndpoint(security.users(), reauth, pages),
        new DisableUserEndpoint(security.users(), reauth, pages),
        new ResetPasswordEndpoint(security.users(), reauth, pages),
        new ApproveSeatActionEndpoint(seatActions),
        new DepositSeatActionEndpoint(seatActions),
        new RevokeSeatActionEndpoint(seatActions),
        new ForceExitSeatActionEndpoint(seatActions),
        new SettleSeatActionEndpoint(seatActions),
        new DepositDataUploadEndpoint(seats, pages));
  }

  public List<Endpoint> endpoints() {
    return endpoints;
  }

  public PageErrors errors() {
    return new ConsoleErrors(pages);
  }
}
