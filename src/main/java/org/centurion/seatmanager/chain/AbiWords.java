package org.centurion.seatmanager.chain;

import java.util.List;
import java.util.Locale;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;

/** Decodes the ABI words that view calls return; the one place our code reads them. */
public final class AbiWords {
  private AbiWords() {}

  /**
   * A single {@code address} return value, lower-case. An empty or short answer (no contract at the
   * address, a wrong ABI) is a {@link ChainErrorCode#RPC_ERROR}, never a zero address.
   */
  public static String address(String returnData) {
    @SuppressWarnings({"rawtypes", "unchecked"})
    List<Type> out = FunctionReturnDecoder.decode(returnData, (List) List.of(new TypeReference<Address>() {}));
    if (out.isEmpty()) {
      throw new ChainException(ChainErrorCode.RPC_ERROR, "call returned no address (got "
          + (returnData == null ? "nothing" : returnData.length() + " hex chars") + ")");
    }
    return ((Address) out.get(0)).getValue().toLowerCase(Locale.ROOT);
  }
}
