package org.centurion.seatmanager.console.http;

import java.util.Map;
import org.centurion.seatmanager.console.Chrome;
import org.centurion.seatmanager.console.Pages;
import org.centurion.seatmanager.http.ApiRequest;
import org.centurion.seatmanager.http.Endpoint;
import org.centurion.seatmanager.http.EndpointSpec;

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
