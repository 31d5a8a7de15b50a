package org.centurion.seatmanager.ops;

import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * The bad-day tools of the executor (issue 15) as the API and the console use them: the emergency
 * pause. The routes themselves are listed in {@code web.routes.RouteRegistry}.
 */
public final class OpsFeature {
  private final EmergencyPause pause;

  public OpsFeature(Jdbi jdbi, Clock clock) {
    this.pause = new EmergencyPause(jdbi, clock);
  }

  public EmergencyPause pause() {
    return pause;
  }
}
