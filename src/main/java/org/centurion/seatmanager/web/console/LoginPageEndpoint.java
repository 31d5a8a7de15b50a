package org.centurion.seatmanager.web.console;

import java.util.Map;
import org.centurion.seatmanager.web.console.Chrome;
import org.centurion.seatmanager.web.console.Pages;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code GET /console/login}: the sign-in form. */
public final class LoginPageEndpoint implements Endpoint {
  private final Pages pages;

  public LoginPageEndpoint(Pages pages) {
    this.pages = pages;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/console/login").summary("Console: sign-in form").anyone().html().build();
  }

  @Override
  public void handle(ApiRequest r) {
    pages.render(r.ctx(), "login", Map.of("chrome", Chrome.signedOut(), "username", "", "message", ""));
  }
}
