package org.centurion.seatmanager.config;

import static org.centurion.seatmanager.config.ConfigLoader.APPROVALS_REQUIRED;
import static org.centurion.seatmanager.config.ConfigLoader.APPROVAL_TTL_HOURS;

import java.time.Duration;

/**
 * Two-person approval (issue 15): SEAT_MANAGER_APPROVALS_REQUIRED (default 1, at most 5) and
 * SEAT_MANAGER_APPROVAL_TTL_HOURS (default 24). One section of {@link ConfigLoader}.
 */
final class ApprovalsParser {
  static final int DEFAULT_TTL_HOURS = 24;
  private static final int MAX_REQUIRED = 5;

  private ApprovalsParser() {}

  static Config.Approvals approvals(EnvReader r, boolean production) {
    int required = r.positiveInt(APPROVALS_REQUIRED, 1);
    if (required > MAX_REQUIRED) {
      r.problems.add(APPROVALS_REQUIRED + " must be 1.." + MAX_REQUIRED);
    }
    if (production && required == 1) {
      r.warnings.add(APPROVALS_REQUIRED + " is 1: one ADMIN alone can deposit, force an exit, settle and resume the executor; 2 is recommended in production");
    }
    int ttl = r.positiveInt(APPROVAL_TTL_HOURS, DEFAULT_TTL_HOURS);
    return new Config.Approvals(Math.min(required, MAX_REQUIRED), Duration.ofHours(ttl));
  }
}
