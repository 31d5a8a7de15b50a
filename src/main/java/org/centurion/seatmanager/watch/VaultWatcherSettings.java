package org.centurion.seatmanager.watch;

import java.math.BigInteger;
import java.time.Duration;
import org.centurion.seatmanager.config.Config;

/**
 * What the vault watcher calls an anomaly.
 *
 * @param treasuryLowWei below this the router's balance raises TREASURY_BALANCE_LOW
 * @param sweepStallAfter an ACTIVE validator's vault with no inflow for this long (counted from the
 *     later of its last inflow and when it was first seen ACTIVE) raises "no-sweep"
 * @param claimGrace a pending reward claim still neither finalized nor cancelled this long after it
 *     became ready raises "claim-overdue"
 * @param settlementGrace a proposed settlement not finalized this long after it became ready raises
 *     "settlement-overdue" (the executor finalizes automatically, so this means it is stuck)
 * @param expectedPrincipalWei what the principal destination must have received once the vault settled
 * @param confirmations vaults are read this many blocks below the head: what the watcher records (inflows,
 *     the lifetime total that must never fall) must not come from a block a reorg can take back
 */
public record VaultWatcherSettings(BigInteger treasuryLowWei, Duration sweepStallAfter, Duration claimGrace,
    Duration settlementGrace, BigInteger expectedPrincipalWei, int confirmations) {
  public static final BigInteger CTN = BigInteger.TEN.pow(18);

  public VaultWatcherSettings {
    if (treasuryLowWei.signum() < 0 || expectedPrincipalWei.signum() <= 0) {
      throw new IllegalArgumentException("low-water mark >= 0 and expected principal > 0");
    }
    if (!sweepStallAfter.isPositive() || claimGrace.isNegative() || settlementGrace.isNegative()) {
      throw new IllegalArgumentException("sweep stall > 0, claim and settlement grace >= 0");
    }
    if (confirmations < 0) {
      throw new IllegalArgumentException("confirmations >= 0");
    }
  }

  public static VaultWatcherSettings defaults() {
    return from(Config.Alerting.defaults());
  }

  /** The configured thresholds; the expected principal is the seat deposit, 32 CTN. */
  public static VaultWatcherSettings from(Config.Alerting a) {
    return new VaultWatcherSettings(a.treasuryLowWaterWei(), a.vaultSweepStallAfter(), a.vaultClaimGrace(),
        a.settlementGrace(), CTN.multiply(BigInteger.valueOf(32)), 0);
  }

  public VaultWatcherSettings withTreasuryLowWei(BigInteger low) {
    return new VaultWatcherSettings(low, sweepStallAfter, claimGrace, settlementGrace, expectedPrincipalWei,
        confirmations);
  }

  /** The chain's configured confirmation depth (the deposit watcher acts at the same depth). */
  public VaultWatcherSettings withConfirmations(int depth) {
    return new VaultWatcherSettings(treasuryLowWei, sweepStallAfter, claimGrace, settlementGrace,
        expectedPrincipalWei, depth);
  }
}
