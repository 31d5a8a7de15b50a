package org.centurion.seatmanager.ops;

import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

/** The TreasuryRouter calls the executor and preflight make. */
public final class RouterAbi {
  private RouterAbi() {}

  /** {@code execute(address,uint256,bytes)}: the router calls {@code target} with {@code value} from its own balance. */
  public static String execute(RouterCall call) {
    return FunctionEncoder.encode(new Function("execute",
        List.of(new Address(call.target()), new Uint256(call.valueWei()), new DynamicBytes(Numeric.hexStringToByteArray(call.calldata()))),
        List.of()));
  }

  /** Calldata of {@code activeSigner()}. */
  public static String activeSigner() {
    return FunctionEncoder.encode(new Function("activeSigner", List.of(), List.of()));
  }

  /** Calldata of {@code owner()}. */
  public static String owner() {
    return FunctionEncoder.encode(new Function("owner", List.of(), List.of()));
  }
}
