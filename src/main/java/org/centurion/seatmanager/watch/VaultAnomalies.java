package org.centurion.seatmanager.watch;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertSignal;
import org.centurion.seatmanager.alerts.Severity;

/**
 * Judges one vault reading: reward sweeps, pending claims, settlement, conservation. Pure, so every
 * rule is testable without a chain; the {@link VaultWatcher} supplies the reading and its memory.
 */
public final class VaultAnomalies {
  private final VaultWatcherSettings settings;

  public VaultAnomalies(VaultWatcherSettings settings) {
    this.settings = settings;
  }

  /**
   * @param seatActive the seat is ACTIVE (only then are sweeps expected)
   * @param recordedLifetimeWei the highest totalLifetimeWei the watcher recorded before this reading
   * @param sweepClock when the no-sweep clock started (the later of the last inflow and first seen
   *     ACTIVE); empty when the seat is not ACTIVE
   * @param now the watcher's clock (sweeps are judged in wall time, claims and settlement in chain time)
   */
  public List<AlertSignal> evaluate(long seatId, String vault, boolean seatActive, VaultState s,
      Optional<BigInteger> recordedLifetimeWei, Optional<Instant> sweepClock, Instant now) {
    List<AlertSignal> out = new ArrayList<>();
    String where = "seat " + seatId + " vault " + vault;
    if (!s.conserves()) {
      out.add(AlertSignal.forSeat(AlertKind.VAULT_ANOMALY, Severity.CRITICAL, seatId, "conservation",
          where + " breaks conservation at block " + s.block() + ": totalLifetimeWei " + s.totalLifetimeWei()
              + " != balance " + s.balance() + " + principalClaimedWei " + s.principalClaimedWei()
              + " + rewardsClaimedWei " + s.rewardsClaimedWei()));
    }
    recordedLifetimeWei.filter(r -> s.totalLifetimeWei().compareTo(r) < 0).ifPresent(r ->
        out.add(AlertSignal.forSeat(AlertKind.VAULT_ANOMALY, Severity.CRITICAL, seatId, "lifetime-decreased",
            where + ": totalLifetimeWei fell from " + r + " to " + s.totalLifetimeWei() + " at block " + s.block()
                + " (everything that ever arrived can only grow)")));
    if (seatActive) {
      sweepClock.filter(since -> Duration.between(since, now).compareTo(settings.sweepStallAfter()) > 0).ifPresent(since ->
          out.add(AlertSignal.forSeat(AlertKind.VAULT_ANOMALY, Severity.WARNING, seatId, "no-sweep",
              where + ": ACTIVE, but no reward sweep has reached the vault since " + since + " (more than "
                  + settings.sweepStallAfter() + ")")));
    }
    if (s.claimPending()) {
      Instant ready = Instant.ofEpochSecond(s.pendingClaimReadyAt());
      if (s.chainTime().isAfter(ready.plus(settings.claimGrace()))) {
        out.add(AlertSignal.forSeat(AlertKind.VAULT_ANOMALY, Severity.WARNING, seatId, "claim-overdue",
            where + ": a reward claim of " + s.pendingClaimWei() + " wei, ready since " + ready
                + ", is neither finalized nor cancelled after " + settings.claimGrace()));
      }
      BigInteger cap = s.remainingClaimCap();
      if (s.pendingClaimWei().compareTo(cap) > 0) {
        out.add(AlertSignal.forSeat(AlertKind.VAULT_ANOMALY, Severity.WARNING, seatId, "claim-above-cap",
            where + ": a pending reward claim of " + s.pendingClaimWei() + " wei exceeds what the period's cap still allows ("
                + cap + " wei of " + s.maxClaimPerPeriod() + ")"));
      }
    }
    if (!s.settlement() && s.settlementProposed()) {
      Instant ready = Instant.ofEpochSecond(s.settlementReadyAt());
      if (s.chainTime().isAfter(ready.plus(settings.settlementGrace()))) {
        out.add(AlertSignal.forSeat(AlertKind.VAULT_ANOMALY, Severity.WARNING, seatId, "settlement-overdue",
            where + ": settlement proposed, ready since " + ready + ", still not finalized after " + settings.settlementGrace()));
      }
    }
    if (s.settlement() && s.principalClaimedWei().compareTo(settings.expectedPrincipalWei()) < 0) {
      out.add(AlertSignal.forSeat(AlertKind.VAULT_ANOMALY, Severity.CRITICAL, seatId, "principal-shortfall",
          where + ": settled, but the principal destination received " + s.principalClaimedWei() + " wei of the expected "
              + settings.expectedPrincipalWei()));
    }
    return List.copyOf(out);
  }
}
