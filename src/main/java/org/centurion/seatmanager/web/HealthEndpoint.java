package org.centurion.seatmanager.web;

import java.util.Map;

/** {@code GET /health}: 200 or 503 and nothing else, no versions, hosts or secrets. */
public final class HealthEndpoint implements Endpoint {
  private final HealthCheck check;

  public HealthEndpoint(HealthCheck check) {
    this.check = check;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/health")
        .summary("Liveness and readiness: database reachable and schema current")
        .anyone()
        .response(Map.class)
        .build();
  }

  @Override
  public void handle(ApiRequest request) {
    boolean ok = check.healthy();
    request.ctx().status(ok ? 200 : 503).json(Map.of("status", ok ? "ok" : "unavailable"));
  }
}
