package org.centurion.seatmanager.seats;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.config.NamedEndpoint;
import org.centurion.seatmanager.deposit.ForkVersion;
import org.centurion.seatmanager.keys.KeyProcessClient;

/**
 * What the seats feature runs with; the composition root fills it from {@code Config}.
 *
 * @param chain the server-controlled contract addresses; empty when the chain is not configured
 *     (then every route that needs the chain answers 503 CHAIN_NOT_CONFIGURED)
 * @param managedKeys the key process that makes managed keys for {@code generate}, when configured; the
 *     mnemonic and the keystore passwords stay in that process
 * @param minAgreeingEndpoints {@code SEAT_MANAGER_MIN_AGREEING_ENDPOINTS}: every chain read a seat
 *     command decides on must be the same on this many execution endpoints
 */
public record SeatsSettings(
    boolean writesEnabled,
    boolean allowMultipleSeatsPerOperator,
    Optional<SeatChainSettings> chain,
    List<NamedEndpoint> executionEndpoints,
    List<NamedEndpoint> beaconEndpoints,
    Duration beaconTimeout,
    Optional<ForkVersion> genesisForkVersion,
    boolean verifyDepositSignatures,
    Optional<KeyProcessClient> managedKeys,
    int minAgreeingEndpoints) {

  public SeatsSettings {
    executionEndpoints = List.copyOf(executionEndpoints);
    beaconEndpoints = List.copyOf(beaconEndpoints);
    if (minAgreeingEndpoints < 1) {
      throw new IllegalArgumentException("minAgreeingEndpoints must be at least 1");
    }
  }
}
