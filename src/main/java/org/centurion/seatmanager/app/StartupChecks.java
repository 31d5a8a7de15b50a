package org.centurion.seatmanager.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.chain.ChainClients;
import org.centurion.seatmanager.chain.ChainErrorCode;
import org.centurion.seatmanager.chain.ChainException;
import org.centurion.seatmanager.chain.Preflight;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.deposit.ForkVersion;
import org.centurion.seatmanager.deposit.GenesisForkVersionCheck;
import org.centurion.seatmanager.beacon.BeaconClient;

/** Checks against the outside world that must pass before a serving process opens its port. */
public final class StartupChecks {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StartupChecks.class);

  private StartupChecks() {}

  /**
   * With writes enabled, the chain must be the one configured before anything can be queued for
   * signing: {@code seat-manager preflight}'s checks, fatal on any failure. {@code api} holds no
   * signing power, so it compares the router's active signer with the configured
   * {@code SEAT_MANAGER_SIGNER_ADDRESS} and never asks a signer; a process that signs asks its
   * signer, and when the address is also configured the two must agree.
   */
  public static void preflightWhenWritesEnabled(Components components, ConfigLoader.Process process) {
    Config config = components.config();
    if (!config.writes().enabled()) {
      return;
    }
    String address = process == ConfigLoader.Process.API
        ? config.writes().signerAddress().orElseThrow()
        : signingAddress(components);
    ChainClients clients = components.execution().orElseThrow(() -> new ChainException(ChainErrorCode.INVALID_ENDPOINTS,
        "no execution endpoints configured (SEAT_MANAGER_EL_RPC_URLS)"));
    new Preflight(config.chain(), clients, Optional.of(address)).run().requirePassed();
  }

  /** The process's own signer (the one it will sign with) names the address; a configured one must agree. */
  private static String signingAddress(Components components) {
    String actual = components.treasurySigner().address();
    Optional<String> configured = components.config().writes().signerAddress();
    if (configured.isPresent() && !configured.get().equals(actual)) {
      throw new ConfigException(List.of(ConfigLoader.SIGNER_ADDRESS + " is " + configured.get()
          + " but the configured signer's address is " + actual + ": one of them is not this deployment's"));
    }
    return actual;
  }

  /**
   * {@code SEAT_MANAGER_GENESIS_FORK_VERSION} against every configured beacon endpoint: deposit data
   * signed for another fork is dropped by the network with the 32 CTN, so an endpoint answering
   * another fork version is fatal (it is on another network: a configuration error). An endpoint that
   * does not answer is an outage, not a misconfiguration: the process starts when at least {@code
   * SEAT_MANAGER_MIN_AGREEING_ENDPOINTS} endpoints answered the configured version, and warns about
   * the rest.
   *
   * @return the warnings about endpoints that did not answer
   */
  public static List<String> genesisForkVersion(Components components) {
    Config config = components.config();
    if (config.deposits().genesisForkVersion().isEmpty() || config.chain().beaconEndpoints().isEmpty()) {
      return List.of();
    }
    ForkVersion configured = ForkVersion.parse(config.deposits().genesisForkVersion().get());
    List<String> problems = new ArrayList<>();
    List<String> silent = new ArrayList<>();
    int agreeing = 0;
    for (BeaconClient beacon : components.beacon()) {
      ForkVersion reported;
      try {
        reported = new GenesisForkVersionCheck(beacon).fetch();
      } catch (GenesisForkVersionCheck.MismatchException e) {
        silent.add("beacon endpoint '" + beacon.label() + "' could not be checked: " + e.getMessage());
        continue;
      }
      if (reported.equals(configured)) {
        agreeing++;
      } else {
        problems.add("SEAT_MANAGER_GENESIS_FORK_VERSION: beacon endpoint '" + beacon.label() + "' reports genesis fork version "
            + reported + ", configured " + configured + ": it is on another network");
      }
    }
    int needed = Math.min(config.chain().minAgreeingEndpoints(), config.chain().beaconEndpoints().size());
    if (problems.isEmpty() && agreeing < needed) {
      problems.add("SEAT_MANAGER_GENESIS_FORK_VERSION: " + agreeing + " beacon endpoint(s) confirmed the genesis fork version, "
          + needed + " needed (SEAT_MANAGER_MIN_AGREEING_ENDPOINTS); " + String.join("; ", silent));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    for (String w : silent) {
      LOG.warn("{}; starting with {} endpoint(s) that agree on the genesis fork version", w, agreeing);
    }
    return List.copyOf(silent);
  }
}
