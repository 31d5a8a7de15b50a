package org.centurion.seatmanager.ops;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.chain.EndpointCrossCheck;
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
 *
 * <p>The simulation is no one endpoint's word: every agreeing endpoint traces the call at the
 * cross-check's pinned block ({@link EndpointCrossCheck#agree}) and they must reach the same verdict
 * (passes, or refused with the same {@link GuardRefusal.Code}). A primary that hides a value move or
 * invents a revert makes the cross-check fail: nothing is sent, the operation is not failed on its
 * word, and ENDPOINT_DISAGREEING names the read.
 */
public final class CallSimulator {
  /** The read name in alerts and the health report. */
  public static final String READ = "treasury call simulation";

  private final EndpointCrossCheck reads;

  private final RevertReasons reasons = new RevertReasons();

  public CallSimulator(EndpointCrossCheck reads) {
    this.reads = reads;
  }

  /**
   * One endpoint's verdict. Endpoints are compared by the code alone: the reason quotes the node's
   * own error text, which differs between implementations that agree.
   */
  private record Verdict(Optional<GuardRefusal.Code> code, String reason) {
    static final Verdict PASSES = new Verdict(Optional.empty(), "");

    @Override
    public boolean equals(Object o) {
      return o instanceof Verdict v && v.code.equals(code);
    }

    @Override
    public int hashCode() {
      return code.hashCode();
    }

    @Override
    public String toString() {
      return code.map(GuardRefusal.Code::name).orElse("passes");
    }
  }

  /**
   * @throws GuardRefusal for a revert, a missing event or a value move the operation does not allow,
   *     as the agreeing endpoints all see it
   * @throws EndpointCrossCheck.CrossCheckFailedException when they do not reach the same verdict
   */
  public void check(ExpectedCall expected, String from, String router, String calldata, BigInteger gas) {
    Verdict verdict = reads.agree(READ, (endpoint, pinned) -> verdictOf(endpoint, pinned, expected, from, router, calldata, gas))
        .value();
    if (verdict.code().isPresent()) {
      throw new GuardRefusal(verdict.code().get(), verdict.reason());
    }
  }

  private Verdict verdictOf(ExecutionClient endpoint, BigInteger block, ExpectedCall expected, String from, String router,
      String calldata, BigInteger gas) {
    try {
      simulate(endpoint, block, expected, from, router, calldata, gas);
      return Verdict.PASSES;
    } catch (GuardRefusal refusal) {
      return new Verdict(Optional.of(refusal.code()), refusal.reason());
    }
  }

  private void simulate(ExecutionClient client, BigInteger block, ExpectedCall expected, String from, String router,
      String calldata, BigInteger gas) {
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
