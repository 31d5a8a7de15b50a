package org.centurion.seatmanager.app;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.centurion.seatmanager.config.NamedEndpoint;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.deposit.ForkVersion;
import org.centurion.seatmanager.deposit.GenesisForkVersionCheck;

/** Checks against the outside world that must pass before a serving process opens its port. */
public final class StartupChecks {
  private StartupChecks() {}

  /**
   * With writes enabled, the chain must be the one configured before anything can be queued for
   * signing: {@code seat-manager preflight}'s checks, fatal on any failure.
   */
  public static void preflightWhenWritesEnabled(Config config) {
    if (!config.writes().enabled()) {
      return;
    }
    org.centurion.seatmanager.signing.TreasurySigner signer =
        org.centurion.seatmanager.signing.TreasurySigners.fromConfig(config.writes(), config.chain());
    try (org.centurion.seatmanager.chain.ChainClients clients = org.centurion.seatmanager.chain.ChainClients
        .fromConfig(config.chain(), org.centurion.seatmanager.chain.RpcSettings.defaults())) {
      new org.centurion.seatmanager.chain.Preflight(config.chain(), clients, java.util.Optional.of(signer.address()))
          .run().requirePassed();
    }
  }

  /**
   * {@code SEAT_MANAGER_GENESIS_FORK_VERSION} against every configured beacon endpoint: deposit data
   * signed for another fork is dropped by the network with the 32 CTN, so a mismatch is fatal.
   */
  public static void genesisForkVersion(Config config) {
    if (config.deposits().genesisForkVersion().isEmpty() || config.chain().beaconEndpoints().isEmpty()) {
      return;
    }
    ForkVersion configured = ForkVersion.parse(config.deposits().genesisForkVersion().get());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<String> problems = new ArrayList<>();
    for (NamedEndpoint beacon : config.chain().beaconEndpoints()) {
      try {
        new GenesisForkVersionCheck(http, beacon.url(), Duration.ofSeconds(10)).requireMatch(configured);
      } catch (GenesisForkVersionCheck.MismatchException e) {
        problems.add("SEAT_MANAGER_GENESIS_FORK_VERSION: beacon endpoint '" + beacon.label() + "': "
            + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
