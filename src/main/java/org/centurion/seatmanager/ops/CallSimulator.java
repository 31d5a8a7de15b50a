package org.centurion.seatmanager.ops;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.abi.Abi;
import org.web3j.utils.Numeric;

/**
 * Runs the exact call a signed transaction makes ({@code debug_traceCall} with the call tracer and
 * its logs, from our signer to the router, at the head block number read just before, so every
 * read of the trace is at one pinned block) and checks its effects: no frame reverts, every
 * expected event is emitted, and no frame carries value except the ones the operation allows.
 * {@code eth_call} alone would show only the return data; the trace shows every value-bearing
 * frame and every log, which is what "nothing moves value elsewhere" needs. A node must therefore
 * offer {@code debug_traceCall} with {@code callTracer} and {@code withLog} (geth, reth, Nethermind,
 * Erigon and anvil do); without it nothing is sent.
 */
public final class CallSimulator {
  private final ExecutionClient client;

  private final RevertReasons reasons = new RevertReasons();

  public CallSimulator(ExecutionClient client) {
    this.client = client;
  }

  /** @throws GuardRefusal for a revert, a missing event or a value move the operation does not allow */
  public void check(ExpectedCall expected, String from, String router, String calldata, BigInteger gas) {
    BigInteger block = client.blockNumber();
    Map<String, Object> root = client.traceCall(from, router, BigInteger.ZERO, calldata, gas, block);
    List<Map<String, Object>> frames = new ArrayList<>();
    flatten(root, frames);
    for (Map<String, Object> f : frames) {
      if (f.get("error") != null) {
        throw new GuardRefusal(GuardRefusal.Code.SIMULATION_REVERTED, "at block " + block + " the call from "
            + text(f, "from") + " to " + text(f, "to") + " fails: " + f.get("error")
            + (f.get("output") == null ? "" : " (" + reasons.describe(text(f, "output")) + ")"));
      }
    }
    for (Map<String, Object> f : frames) {
      BigInteger value = f.get("value") == null ? BigInteger.ZERO : Numeric.decodeQuantity(text(f, "value"));
      String type = text(f, "type").toUpperCase(Locale.ROOT);
      if (type.equals("SELFDESTRUCT") || (value.signum() > 0 && !allowed(expected, text(f, "from"), text(f, "to"), value))) {
        throw new GuardRefusal(GuardRefusal.Code.UNEXPECTED_VALUE_MOVE, "at block " + block + " the call would move "
            + value + " wei from " + text(f, "from") + " to " + text(f, "to") + " (" + type + "), which this operation does not do");
      }
    }
    List<Map<String, Object>> logs = new ArrayList<>();
    for (Map<String, Object> f : frames) {
      logs.addAll(list(f.get("logs")));
    }
    for (ExpectedCall.ExpectedEvent e : expected.events()) {
      if (logs.stream().noneMatch(l -> matches(e, l))) {
        throw new GuardRefusal(GuardRefusal.Code.EXPECTED_EVENT_MISSING, "at block " + block + " the call does not emit "
            + e.name() + " from " + e.address() + " with the expected fields");
      }
    }
  }

  private static boolean allowed(ExpectedCall expected, String from, String to, BigInteger value) {
    return expected.transfers().stream().anyMatch(t -> t.from().equals(from) && t.to().equals(to)
        && t.exactWei().map(value::equals).orElse(true));
  }

  private static boolean matches(ExpectedCall.ExpectedEvent e, Map<String, Object> log) {
    if (!e.address().equals(text(log, "address"))) {
      return false;
    }
    List<String> topics = list(log.get("topics")).stream().map(Object::toString).map(t -> t.toLowerCase(Locale.ROOT)).toList();
    if (topics.size() < e.topics().size() || !topics.subList(0, e.topics().size()).equals(e.topics())) {
      return false;
    }
    byte[] data = Numeric.hexStringToByteArray(text(log, "data"));
    try {
      for (int i = 0; i < e.leadingBytesFields().size(); i++) {
        if (!Arrays.equals(Abi.dynamicBytes(data, i), e.leadingBytesFields().get(i))) {
          return false;
        }
      }
    } catch (Abi.AbiException malformed) {
      return false;
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(Map<String, Object> frame, List<Map<String, Object>> into) {
    into.add(frame);
    for (Object child : list(frame.get("calls"))) {
      flatten((Map<String, Object>) child, into);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> list(Object o) {
    return o instanceof List<?> l ? (List<T>) l : List.of();
  }

  private static String text(Map<String, ?> m, String key) {
    Object v = m.get(key);
    return v == null ? "" : v.toString().toLowerCase(Locale.ROOT);
  }
}
