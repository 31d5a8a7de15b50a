package org.centurion.seatmanager.watch;

import java.math.BigInteger;
import java.time.Instant;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.utils.Numeric;

/** Reads a vault's {@link VaultState} through its public views, every read at the same block. */
public final class VaultReader {
  private final ExecutionClient el;

  public VaultReader(ExecutionClient el) {
    this.el = el;
  }

  public VaultState read(String vault, BigInteger block, Instant chainTime) {
    DefaultBlockParameter at = DefaultBlockParameter.valueOf(block);
    return new VaultState(block.longValueExact(), chainTime, el.balance(vault, at),
        uint(vault, "phase()", at).signum() != 0,
        uint(vault, "totalLifetimeWei()", at),
        uint(vault, "principalClaimedWei()", at),
        uint(vault, "rewardsClaimedWei()", at),
        uint(vault, "pendingClaimWei()", at),
        uint(vault, "pendingClaimReadyAt()", at).longValueExact(),
        uint(vault, "maxClaimPerPeriod()", at),
        uint(vault, "claimedInPeriodWei()", at),
        uint(vault, "claimPeriodStart()", at).longValueExact(),
        uint(vault, "settlementReadyAt()", at).longValueExact());
  }

  private BigInteger uint(String vault, String view, DefaultBlockParameter at) {
    String selector = org.centurion.seatmanager.abi.Abi.selector(view);
    String out = el.call(null, vault, selector, at);
    byte[] data = Numeric.hexStringToByteArray(out);
    if (data.length != 32) {
      throw new IllegalStateException("vault " + vault + ": " + view + " returned " + data.length + " bytes, not one word");
    }
    return new BigInteger(1, data);
  }
}
