package org.centurion.seatmanager.web.auth;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.StakerKeyService;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code GET /v1/staker-keys}: metadata only, never a key. */
public final class ListStakerKeysEndpoint implements Endpoint {
  private final StakerKeyService keys;

  public ListStakerKeysEndpoint(StakerKeyService keys) {
    this.keys = keys;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/staker-keys").summary("List staker API keys").users(Role.ADMIN)
        .response(Map.class).build();
  }

  @Override
  public void handle(ApiRequest r) {
    r.ctx().json(Map.of("items", keys.list()));
  }
}
