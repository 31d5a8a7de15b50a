package org.centurion.seatmanager.web.ops;

import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.ops.EmergencyPause;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;

/**
 * {@code POST /v1/executor/pause}: the emergency stop (issue 15). ADMIN with step-up; from the
 * moment it commits no executor instance signs anything new. One ADMIN is enough to stop: stopping
 * never moves money, resuming does (and may need a second ADMIN).
 */
public final class PauseEndpoint implements Endpoint {
  static final String ACTION = "executor.pause";
  private final EmergencyPause pause;

  public PauseEndpoint(EmergencyPause pause) {
    this.pause = pause;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/executor/pause").summary("Emergency pause: the executor signs nothing new, on every instance")
        .sessions(Role.ADMIN).stepUp().request(PauseRequest.class).response(EmergencyPause.State.class)
        .errors(EmergencyPause.INVALID_REASON, EmergencyPause.ALREADY_PAUSED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), ACTION);
    AuditNotes.target(r.ctx(), "executor");
    String reason = PauseBodies.reason(r);
    EmergencyPause.State now = pause.pause(r.caller().name(), reason);
    AuditNotes.reason(r.ctx(), "paused: " + now.reason().orElse(""));
    r.ctx().json(now);
  }
}
