package org.centurion.seatmanager.web.console;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.StakerKeyService;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code GET /console/staker-keys} (issue 17): the staker API keys, to create (shown once) and revoke. */
public final class StakerKeysEndpoint implements Endpoint {
  private final Pages pages;
  private final StakerKeyService keys;

  public StakerKeysEndpoint(Pages pages, StakerKeyService keys) {
    this.pages = pages;
    this.keys = keys;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/console/staker-keys").summary("Console: staker API keys (create, revoke)")
        .sessions(Role.ADMIN).html().build();
  }

  @Override
  public void handle(ApiRequest r) {
    pages.page(r, "stakerKeysTable", "stakerKeys", Map.of("keys", keys.list()));
  }
}
