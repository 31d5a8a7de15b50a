package org.centurion.seatmanager.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.abi.TreasuryCall;
import org.web3j.utils.Numeric;

/** Operations, intents and attempts as the operations routes and pages show them (raw bytes left out). */
public final class OperationViews {
  private OperationViews() {}

  public static Map<String, Object> operation(Operation o) {
    Map<String, Object> m = fields(o);
    m.put("createdAt", o.createdAt().toString());
    m.put("updatedAt", o.updatedAt().toString());
    return m;
  }

  /**
   * The fields every view of an operation shares, from its id to its reorg count, in that order; the
   * seat views and the operations routes each add their own timestamps after them.
   */
  public static Map<String, Object> fields(Operation o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", o.id());
    m.put("seatId", o.seatId().orElse(null));
    m.put("kind", o.kind().name());
    m.put("status", o.status().name());
    m.put("target", o.call().target());
    m.put("valueWei", o.call().valueWei().toString());
    m.put("calldata", o.call().calldata());
    m.put("notBefore", o.notBefore().toString());
    m.put("attempts", o.attempts());
    m.put("lastError", o.lastError().orElse(null));
    m.put("requestedBy", o.requestedBy());
    m.put("txHash", o.txHash().orElse(null));
    m.put("blockNumber", o.blockNumber().orElse(null));
    m.put("reorgs", o.reorgs());
    return m;
  }

  /** The router call's inner call, decoded (function and arguments), or why it cannot be. */
  public static String decodedCall(Operation o) {
    try {
      return TreasuryCall.decode(Numeric.hexStringToByteArray(o.call().calldata())).describe();
    } catch (IllegalArgumentException e) {
      return "undecodable: " + e.getMessage();
    }
  }

  static Map<String, Object> intent(TxIntent i, List<TxAttempt> attempts) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i.id());
    m.put("nonce", i.nonce());
    m.put("sender", i.sender());
    m.put("status", i.status().name());
    m.put("gasLimit", i.gasLimit().toString());
    m.put("minedTxHash", i.minedTxHash().orElse(null));
    m.put("minedBlock", i.minedBlock().orElse(null));
    m.put("lastError", i.lastError().orElse(null));
    m.put("attempts", attempts.stream().map(OperationViews::attempt).toList());
    return m;
  }

  private static Map<String, Object> attempt(TxAttempt a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("txHash", a.txHash());
    m.put("maxFeePerGas", a.maxFeePerGas().toString());
    m.put("maxPriorityFee", a.maxPriorityFee().toString());
    m.put("signedAt", a.signedAt().toString());
    m.put("broadcastAt", a.broadcastAt().map(Object::toString).orElse(null));
    m.put("broadcastError", a.broadcastError().orElse(null));
    return m;
  }
}
