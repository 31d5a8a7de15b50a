package org.centurion.seatmanager.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.alerts.EndpointAgreementLog;

/**
 * What {@code GET /v1/dashboard/health} answers: everything an on-call operator checks first.
 * {@code reads} is the last outcome of every kind of cross-checked read the service decided on
 * (vault binding, front-running check, receipts, DROPPED, beacon reads for a force-exit...): which
 * endpoint labels agreed at which block, or why it was refused.
 */
public record HealthReport(
    String status,
    Instant checkedAt,
    DatabaseHealth database,
    List<EndpointHealth> executionEndpoints,
    List<EndpointHealth> beaconEndpoints,
    List<WatcherHealth> watchers,
    ExecutorQueue.Snapshot executor,
    SignerHealth signer,
    boolean writesEnabled,
    List<String> warnings,
    Map<String, Long> openAlerts,
    org.centurion.seatmanager.ops.EmergencyPause.State emergencyPause,
    List<EndpointAgreementLog.ReadAgreement> reads) {

  /**
   * @param pending migrations this build would still apply (labels)
   */
  public record DatabaseHealth(boolean reachable, boolean migrationsCurrent, int applied, List<String> pending) {}

  /**
   * @param secondsSinceSuccess how long since the role last completed a round
   * @param stalled no successful round within the stall threshold
   */
  public record WatcherHealth(String role, long cursor, long head, long lag, String holder, Instant lastSuccessAt,
      long secondsSinceSuccess, boolean stalled, Optional<String> lastError) {}

  /** @param balanceWei the signer's balance on the first EL endpoint that answered */
  public record SignerHealth(String mode, Optional<String> address, Optional<String> balanceWei, Optional<String> error) {}
}
