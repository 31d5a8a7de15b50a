package org.centurion.seatmanager.abi;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import org.web3j.utils.Numeric;

/**
 * {@code TreasuryRouter.execute(target, value, data)} as decoded from the router's calldata.
 * Decoding is strict: the input must be exactly the canonical encoding of what was read, so two
 * readers (the executor, the signer, a node) can never see different calls in the same bytes.
 */
public record ExecuteCall(String target, BigInteger valueWei, byte[] data) {
  public ExecuteCall {
    target = target.toLowerCase(Locale.ROOT);
    data = data.clone();
  }

  /** @throws Abi.AbiException when {@code routerCalldata} is not a canonical {@code execute} call */
  public static ExecuteCall decode(String routerCalldata) {
    byte[] raw = Numeric.hexStringToByteArray(routerCalldata == null ? "0x" : routerCalldata);
    String selector = Abi.selectorOf(raw);
    if (!selector.equals(Abi.selector(TreasuryAbi.EXECUTE))) {
      throw new Abi.AbiException("not a call of execute(address,uint256,bytes): selector " + selector);
    }
    byte[] args = Abi.arguments(raw);
    ExecuteCall call = new ExecuteCall(Abi.wordAsAddress(args, 0), Abi.word(args, 1), Abi.dynamicBytes(args, 2));
    if (!Arrays.equals(Numeric.hexStringToByteArray(call.encode()), raw)) {
      throw new Abi.AbiException("execute calldata is not canonically encoded");
    }
    return call;
  }

  /** The router calldata for this call. */
  public String encode() {
    return TreasuryAbi.execute(target, valueWei, dataHex());
  }

  public String dataHex() {
    return Numeric.toHexString(data);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExecuteCall c && c.target.equals(target) && c.valueWei.equals(valueWei) && Arrays.equals(c.data, data);
  }

  @Override
  public int hashCode() {
    return target.hashCode() * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "execute(" + target + ", " + valueWei + " wei, " + Abi.selectorOf(data) + "…" + data.length + " bytes)";
  }
}
