package org.centurion.seatmanager.watch;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One vault's accounting as read at one block (the reference {@code WithdrawalVault}'s public
 * state). Times are the chain's, in seconds; zero means "none" as in the contract.
 *
 * @param settlement true once the vault is in its ExitSettlement phase
 */
public record VaultState(
    long block,
    Instant chainTime,
    BigInteger balance,
    boolean settlement,
    BigInteger totalLifetimeWei,
    BigInteger principalClaimedWei,
    BigInteger rewardsClaimedWei,
    BigInteger pendingClaimWei,
    long pendingClaimReadyAt,
    BigInteger maxClaimPerPeriod,
    BigInteger claimedInPeriodWei,
    long claimPeriodStart,
    long settlementReadyAt) {
  /** The contract's CLAIM_PERIOD. */
  public static final long CLAIM_PERIOD_SECONDS = 30L * 24 * 3600;

  public boolean claimPending() {
    return pendingClaimReadyAt != 0;
  }

  public boolean settlementProposed() {
    return settlementReadyAt != 0;
  }

  /** What may still be claimed in the current period; a period that has run out starts afresh, as in the contract. */
  public BigInteger remainingClaimCap() {
    if (chainTime.getEpochSecond() >= claimPeriodStart + CLAIM_PERIOD_SECONDS) {
      return maxClaimPerPeriod;
    }
    return maxClaimPerPeriod.compareTo(claimedInPeriodWei) > 0 ? maxClaimPerPeriod.subtract(claimedInPeriodWei) : BigInteger.ZERO;
  }

  /** The vault's conservation law: everything that ever arrived is still there or was paid out. */
  public boolean conserves() {
    return totalLifetimeWei.equals(balance.add(principalClaimedWei).add(rewardsClaimedWei));
  }
}
