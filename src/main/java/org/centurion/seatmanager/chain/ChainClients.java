package org.centurion.seatmanager.chain;

import java.time.Duration;
import java.util.List;
import org.centurion.seatmanager.config.Config;

/**
 * One {@link ExecutionClient} per configured endpoint and the cross-check over all of them. The first
 * endpoint of {@code SEAT_MANAGER_EL_RPC_URLS} is the primary one reads and broadcasts go to.
 */
public final class ChainClients implements AutoCloseable {
  /** "Within a few blocks of each other's head" (the issue): more behind than this is lagging. */
  public static final int MAX_HEAD_LAG = 4;
  /** Bound on each round of the cross-check. */
  public static final Duration CROSS_CHECK_DEADLINE = Duration.ofSeconds(15);

  private final List<ExecutionClient> clients;
  private final EndpointCrossCheck crossCheck;

  public ChainClients(List<ExecutionClient> clients, EndpointCrossCheck crossCheck) {
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("at least one execution endpoint is required");
    }
    this.clients = List.copyOf(clients);
    this.crossCheck = crossCheck;
  }

  public static ChainClients fromConfig(Config.Chain chain, RpcSettings rpc) {
    if (chain.executionEndpoints().isEmpty()) {
      throw new ChainException(ChainErrorCode.INVALID_ENDPOINTS, "no execution endpoints configured (SEAT_MANAGER_EL_RPC_URLS)");
    }
    List<ExecutionClient> clients = chain.executionEndpoints().stream().map(e -> new ExecutionClient(e, rpc)).toList();
    EndpointCrossCheck check = new EndpointCrossCheck(clients,
        new EndpointCrossCheck.Policy(chain.chainId(), chain.minAgreeingEndpoints(), MAX_HEAD_LAG, CROSS_CHECK_DEADLINE));
    return new ChainClients(clients, check);
  }

  public ExecutionClient primary() {
    return clients.get(0);
  }

  public List<ExecutionClient> all() {
    return clients;
  }

  public EndpointCrossCheck crossCheck() {
    return crossCheck;
  }

  @Override
  public void close() {
    clients.forEach(ExecutionClient::close);
  }
}
