package org.centurion.seatmanager.ops;

import org.centurion.seatmanager.abi.Abi;
import org.centurion.seatmanager.abi.TreasuryAbi;


/** The TreasuryRouter calls the executor and preflight make; the encoding lives in {@code abi}. */
public final class RouterAbi {
  private RouterAbi() {}

  /** {@code execute(address,uint256,bytes)}: the router calls {@code target} with {@code value} from its own balance. */
  public static String execute(RouterCall call) {
    return TreasuryAbi.execute(call.target(), call.valueWei(), call.calldata());
  }

  /** Calldata of {@code activeSigner()}. */
  public static String activeSigner() {
    return Abi.encode("activeSigner()");
  }

  /** Calldata of {@code owner()}. */
  public static String owner() {
    return Abi.encode("owner()");
  }
}
