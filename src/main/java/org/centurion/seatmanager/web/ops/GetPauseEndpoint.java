package org.centurion.seatmanager.web.ops;

import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.ops.EmergencyPause;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/** {@code GET /v1/executor/pause}: whether the emergency pause holds, why, since when and by whom. */
public final class GetPauseEndpoint implements Endpoint {
  private final EmergencyPause pause;

  public GetPauseEndpoint(EmergencyPause pause) {
    this.pause = pause;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/v1/executor/pause").summary("The emergency pause: whether the executor signs anything new")
        .users(Role.VIEWER).response(EmergencyPause.State.class).build();
  }

  @Override
  public void handle(ApiRequest r) {
    r.ctx().json(pause.current());
  }
}
