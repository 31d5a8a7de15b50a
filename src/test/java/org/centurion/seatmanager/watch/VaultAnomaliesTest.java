package org.centurion.seatmanager.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.alerts.AlertSignal;
import org.centurion.seatmanager.alerts.Severity;
import org.junit.jupiter.api.Test;

/** The rules no honest reference vault can be made to break on a devnet: conservation and a shrinking lifetime. */
class VaultAnomaliesTest {
  static final BigInteger CTN = BigInteger.TEN.pow(18);
  static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
  final VaultAnomalies rules = new VaultAnomalies(VaultWatcherSettings.defaults());

  static VaultState state(BigInteger lifetime, BigInteger balance, BigInteger principal, BigInteger rewards) {
    return new VaultState(100, NOW, balance, false, lifetime, principal, rewards, BigInteger.ZERO, 0,
        CTN.multiply(BigInteger.valueOf(4)), BigInteger.ZERO, NOW.getEpochSecond(), 0);
  }

  List<String> keys(VaultState s, Optional<BigInteger> recorded) {
    return rules.evaluate(7, "0xv", false, s, recorded, Optional.empty(), NOW).stream().map(AlertSignal::dedupeKey).toList();
  }

  @Test
  void aVaultWhoseLifetimeIsNotBalancePlusPaidOutBreaksConservationCritically() {
    assertThat(keys(state(CTN.multiply(BigInteger.TWO), CTN, CTN, BigInteger.ZERO), Optional.empty())).isEmpty();
    List<AlertSignal> broken = rules.evaluate(7, "0xv", false,
        state(CTN.multiply(BigInteger.TWO), CTN, CTN, BigInteger.ONE), Optional.empty(), Optional.empty(), NOW);
    assertThat(broken).extracting(AlertSignal::dedupeKey).containsExactly("VAULT_ANOMALY:seat:7:conservation");
    assertThat(broken.get(0).severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void aLifetimeBelowWhatWasRecordedIsCritical() {
    VaultState s = state(CTN, CTN, BigInteger.ZERO, BigInteger.ZERO);
    assertThat(keys(s, Optional.of(CTN))).isEmpty();
    assertThat(keys(s, Optional.of(CTN.add(BigInteger.ONE)))).containsExactly("VAULT_ANOMALY:seat:7:lifetime-decreased");
  }

  @Test
  void theClaimCapStartsAfreshWhenThePeriodHasRunOut() {
    VaultState used = new VaultState(1, NOW, CTN, false, CTN, BigInteger.ZERO, BigInteger.ZERO, CTN, NOW.getEpochSecond() + 60,
        CTN.multiply(BigInteger.valueOf(4)), CTN.multiply(BigInteger.valueOf(4)), NOW.getEpochSecond() - 3600, 0);
    assertThat(used.remainingClaimCap()).isZero();
    assertThat(keys(used, Optional.empty())).containsExactly("VAULT_ANOMALY:seat:7:claim-above-cap");
    VaultState rolled = new VaultState(1, NOW, CTN, false, CTN, BigInteger.ZERO, BigInteger.ZERO, CTN, NOW.getEpochSecond() + 60,
        CTN.multiply(BigInteger.valueOf(4)), CTN.multiply(BigInteger.valueOf(4)),
        NOW.getEpochSecond() - Duration.ofDays(30).toSeconds(), 0);
    assertThat(rolled.remainingClaimCap()).isEqualTo(CTN.multiply(BigInteger.valueOf(4)));
    assertThat(keys(rolled, Optional.empty())).isEmpty();
  }
}
