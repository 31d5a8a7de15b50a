package org.centurion.seatmanager.dashboard;

import java.time.Duration;
import java.util.List;
import org.centurion.seatmanager.config.Config;

/**
 * What the dashboard runs with: the chain the endpoints must be on, whether writes are on, the
 * configuration's warnings to show, and when a queued operation or a watcher counts as stuck.
 */
public record DashboardSettings(long chainId, boolean writesEnabled, List<String> configWarnings,
    Duration operationStuckAfter, Duration watcherStalledAfter) {

  public DashboardSettings {
    configWarnings = List.copyOf(configWarnings);
  }

  public static DashboardSettings from(Config config) {
    return new DashboardSettings(config.chain().chainId(), config.writes().enabled(), config.warnings(),
        config.alerting().operationStuckAfter(), config.alerting().watcherStalledAfter());
  }
}
