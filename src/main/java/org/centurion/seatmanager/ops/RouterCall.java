package org.centurion.seatmanager.ops;

import java.math.BigInteger;
import java.util.Locale;

/**
 * The call the treasury makes, executed as {@code TreasuryRouter.execute(target, value, calldata)}:
 * the router, not the signer, is the on-chain actor (depositor, vault treasury, allowlist caller).
 */
public record RouterCall(String target, BigInteger valueWei, String calldata) {
  public RouterCall {
    target = target.toLowerCase(Locale.ROOT);
    calldata = calldata.toLowerCase(Locale.ROOT);
    if (!target.matches("0x[0-9a-f]{40}")) {
      throw new IllegalArgumentException("target must be a 20-byte hex address");
    }
    if (valueWei.signum() < 0) {
      throw new IllegalArgumentException("value must not be negative");
    }
    if (!calldata.matches("0x([0-9a-f]{2})*")) {
      throw new IllegalArgumentException("calldata must be 0x-prefixed hex bytes");
    }
  }
}
