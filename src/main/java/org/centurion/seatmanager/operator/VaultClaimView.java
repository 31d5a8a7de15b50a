package org.centurion.seatmanager.operator;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.centurion.seatmanager.abi.Abi;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.watch.VaultReader;
import org.centurion.seatmanager.watch.VaultState;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.utils.Numeric;

/**
 * A vault's balance, rewards and claim window as its own views say at the latest block: what the
 * operator's status and the staker console show, and what a claim amount is checked against before it
 * is offered (the 30-day cap and principal protection, as the vault's {@code _checkClaimable}).
 */
public final class VaultClaimView {
  private final ExecutionClient el;
  private final VaultReader reader;

  public VaultClaimView(ExecutionClient el) {
    this.el = el;
    this.reader = new VaultReader(el);
  }

  /** The vault's state and the two views the reader does not read. */
  public record Snapshot(VaultState state, BigInteger principalTargetWei, long claimDelaySeconds) {
    /** What a new claim may ask for now: nothing while the principal could be in the vault, else the cap left. */
    public BigInteger claimableNowWei() {
      if (state.settlement() || state.settlementProposed() || state.claimPending()
          || state.balance().compareTo(principalTargetWei) >= 0) {
        return BigInteger.ZERO;
      }
      return state.balance().min(state.remainingClaimCap());
    }

    public boolean pendingClaimReady() {
      return state.claimPending() && state.chainTime().getEpochSecond() >= state.pendingClaimReadyAt();
    }
  }

  public Snapshot read(String vault) {
    BigInteger block = el.blockNumber();
    Instant chainTime = Instant.ofEpochSecond(el.block(block).timestamp().longValueExact());
    VaultState s = reader.read(vault, block, chainTime);
    DefaultBlockParameter at = DefaultBlockParameter.valueOf(block);
    return new Snapshot(s, uint(vault, "principalTargetWei()", at), uint(vault, "claimDelay()", at).longValueExact());
  }

  public static Map<String, Object> view(Snapshot snap) {
    VaultState s = snap.state();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("block", s.block());
    m.put("chainTime", s.chainTime().toString());
    m.put("balanceWei", s.balance().toString());
    m.put("phase", s.settlement() ? "ExitSettlement" : "Running");
    m.put("totalLifetimeWei", s.totalLifetimeWei().toString());
    m.put("rewardsClaimedWei", s.rewardsClaimedWei().toString());
    m.put("principalReturnedWei", s.principalClaimedWei().toString());
    m.put("principalTargetWei", snap.principalTargetWei().toString());
    m.put("settlementReadyAt", s.settlementReadyAt() == 0 ? null : Instant.ofEpochSecond(s.settlementReadyAt()).toString());
    Map<String, Object> claim = new LinkedHashMap<>();
    claim.put("delaySeconds", snap.claimDelaySeconds());
    claim.put("periodSeconds", VaultState.CLAIM_PERIOD_SECONDS);
    claim.put("maxPerPeriodWei", s.maxClaimPerPeriod().toString());
    claim.put("remainingInPeriodWei", s.remainingClaimCap().toString());
    claim.put("claimableNowWei", snap.claimableNowWei().toString());
    claim.put("principalProtection", s.balance().compareTo(snap.principalTargetWei()) >= 0);
    claim.put("pendingWei", s.pendingClaimWei().toString());
    claim.put("pendingReadyAt", s.claimPending() ? Instant.ofEpochSecond(s.pendingClaimReadyAt()).toString() : null);
    claim.put("pendingReady", snap.pendingClaimReady());
    m.put("claim", claim);
    return m;
  }

  private BigInteger uint(String vault, String view, DefaultBlockParameter at) {
    byte[] data = Numeric.hexStringToByteArray(el.call(null, vault, Abi.selector(view), at));
    if (data.length != 32) {
      throw new IllegalStateException("vault " + vault + ": " + view + " returned " + data.length + " bytes, not one word");
    }
    return new BigInteger(1, data);
  }
}
