package org.centurion.seatmanager.seats;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.config.NamedEndpoint;
import org.centurion.seatmanager.deposit.ForkVersion;

/**
 * What the seats feature runs with; the composition root fills it from {@code Config}.
 *
 * @param chain the server-controlled contract addresses; empty when the chain is not configured
 *     (then every route that needs the chain answers 503 CHAIN_NOT_CONFIGURED)
 * @param managedKeys the mnemonic and keystore-password files for {@code generate}, when configured
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
    Optional<ManagedKeyFiles> managedKeys) {

  /**
   * {@code SEAT_MANAGER_MNEMONIC_FILE} and {@code SEAT_MANAGER_KEYSTORE_PASSWORD_FILE}.
   *
   * @param generatorVersion what the keystores name as their maker ({@code seat-manager/<version>})
   */
  public record ManagedKeyFiles(Path mnemonicFile, Path passwordFile,
      org.centurion.seatmanager.deposit.KeystoreKdf keystoreKdf, String generatorVersion) {}

  public SeatsSettings {
    executionEndpoints = List.copyOf(executionEndpoints);
    beaconEndpoints = List.copyOf(beaconEndpoints);
  }
}
