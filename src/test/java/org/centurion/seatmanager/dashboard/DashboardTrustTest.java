package org.centurion.seatmanager.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: the health status is degraded while open alerts say the chain's word about our
 * validators is in doubt (the alerts themselves, naming the endpoint, come from the CL watcher:
 * {@code BeaconTrustTest}); other open alerts do not count here.
 */
class DashboardTrustTest {
  @Test
  void disagreementConflictingFinalityAndForeignCredentialsDegradeHealthOtherAlertsDoNot() {
    assertThat(DashboardHealth.untrusted(Map.of("ENDPOINT_DISAGREEING/WARNING", 1L))).isTrue();
    assertThat(DashboardHealth.untrusted(Map.of("FINALITY_CONFLICT/CRITICAL", 2L))).isTrue();
    assertThat(DashboardHealth.untrusted(Map.of("WITHDRAWAL_CREDENTIALS_MISMATCH/CRITICAL", 1L))).isTrue();
    assertThat(DashboardHealth.untrusted(Map.of("ENDPOINT_DOWN/WARNING", 1L, "REORG/WARNING", 3L))).isFalse();
    assertThat(DashboardHealth.untrusted(Map.of())).isFalse();
  }
}
