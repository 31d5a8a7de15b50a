package org.centurion.seatmanager.chain;

import java.util.List;
import java.util.Locale;
import org.web3j.protocol.core.Response;

/**
 * What a JSON-RPC error from an execution endpoint means, by the way node clients and hosted
 * providers word it. Three kinds matter, because each asks for another reaction:
 *
 * <ul>
 *   <li>an <b>execution revert</b> (the contract said no): final for this call, never retried;
 *   <li>a <b>log query too large</b> (block range or result count over the provider's cap): ask a
 *       smaller range, never the same one again;
 *   <li>everything else ({@code header not found} from a backend behind a load balancer, a rate
 *       limit, a timeout, a node still syncing): <b>transient</b>, retried, then reported as the
 *       endpoint's failure — never as a revert.
 * </ul>
 *
 * <p>The wordings come from the clients' and providers' documentation and issue trackers (the
 * README's "Execution endpoints" section lists them); none of the hosted ones was called from
 * here. A wording we do not know falls into "transient", the safe side: retried, then an endpoint
 * failure, which defers an operation rather than failing it.
 */
public final class RpcErrors {
  /** geth, Erigon, Reth, Besu, Nethermind (recent) and anvil answer a revert with this code. */
  static final int EXECUTION_REVERTED = 3;

  private static final List<String> REVERT_WORDS = List.of("execution reverted", "reverted", "vm execution error");

  /**
   * Block-range caps: geth forks ("exceed maximum block range: 5000"), Erigon ("query block range
   * exceeds server limit"), Reth ("query exceeds max block range 100000"), Besu ("Requested range
   * exceeds maximum RPC range limit"), Infura ("range 1000000 exceeds limit of 10000"), Alchemy ("You
   * can make eth_getLogs requests with up to a 500 block range"), QuickNode ("eth_getLogs is limited
   * to a 10,000 range"), Ankr and Moonbeam/Frontier ("block range is too wide"), others ("block range
   * too large", "block range is bigger than maxBlockRange").
   */
  private static final List<String> RANGE_WORDS = List.of("block range", "exceed maximum block range",
      "exceeds max block range", "range exceeds", "exceeds limit of", "is limited to a", "maximum rpc range",
      "exceeds maximum range", "exceeds server limit", "range too large", "range is too wide", "too wide",
      "range too high", "maxblockrange", "eth_getlogs requests with up to");

  /**
   * Result-size caps: Infura and geth-based providers ("query returned more than 10000 results"),
   * Alchemy ("Log response size exceeded"), Erigon ("query returns too many logs"), Reth ("query
   * exceeds max results 20000"), Nethermind and others ("too many logs", "response size").
   */
  private static final List<String> SIZE_WORDS = List.of("returned more than", "more than 10000 results",
      "response size exceeded", "too many logs", "exceeds max results", "max results", "response size",
      "result set too large", "too many results", "logs limit");

  private RpcErrors() {}

  /** A real execution revert: the contract refused. Carries its data when the node sent any. */
  public static boolean isExecutionRevert(Response.Error e) {
    if (e == null) {
      return false;
    }
    if (e.getCode() == EXECUTION_REVERTED) {
      return true;
    }
    String m = lower(e.getMessage());
    // "execution reverted: ..." (geth -32000 without data), Besu "Execution reverted", Nethermind "VM execution error."
    return REVERT_WORDS.stream().anyMatch(m::contains) && !isRateLimit(e) && !isLogQueryTooLarge(e);
  }

  /** eth_getLogs refused because the range or its result was larger than the endpoint allows. */
  public static boolean isLogQueryTooLarge(Response.Error e) {
    if (e == null) {
      return false;
    }
    String m = lower(e.getMessage());
    if (m.contains("beyond current head") || m.contains("beyond head")) {
      // geth: toBlock above this backend's head (a lagging node behind a balancer): not a cap, a smaller range would not help
      return false;
    }
    return RANGE_WORDS.stream().anyMatch(m::contains) || SIZE_WORDS.stream().anyMatch(m::contains);
  }

  /**
   * A rate limit or quota in the JSON-RPC body (HTTP 429 is seen by the transport): Alchemy code 429
   * "exceeded its compute units per second capacity", Infura -32005 "project ID request rate
   * exceeded", QuickNode -32007/-32012 "request limit reached", "credits limited to …/sec".
   */
  public static boolean isRateLimit(Response.Error e) {
    if (e == null) {
      return false;
    }
    String m = lower(e.getMessage());
    return e.getCode() == 429 || m.contains("rate limit") || m.contains("too many requests") || m.contains("rate exceeded")
        || m.contains("capacity") || m.contains("request limit") || m.contains("credits limited")
        || m.contains("daily request count") || m.contains("throttl");
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
