package org.centurion.seatmanager.cli;

import org.centurion.seatmanager.chain.ChainClients;
import org.centurion.seatmanager.chain.Preflight;
import org.centurion.seatmanager.app.Components;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.centurion.seatmanager.cli.EnvOptions;
import org.centurion.seatmanager.cli.Refusal;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.signing.SigningException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code seat-manager preflight}: the chain checks as a table, exit 0 when every check passes, 1 when
 * any fails, 2 when the configuration itself is refused.
 */
@Command(name = "preflight", mixinStandardHelpOptions = true,
    description = "Check chain id, contracts, code hash, owner, router signer and endpoint agreement (read-only).")
public final class PreflightCommand implements Callable<Integer> {
  public static final int EXIT_FAILED = 1;

  @Mixin EnvOptions env;

  @Override
  public Integer call() {
    Config config;
    try {
      // preflight serves nothing: the loopback host only satisfies the local-key guard
      config = ConfigLoader.load(env.environment(), "127.0.0.1", 0);
    } catch (ConfigException e) {
      return Refusal.report(System.err, "preflight", e);
    }
    if (config.chain().executionEndpoints().isEmpty()) {
      System.err.println("seat-manager preflight: no execution endpoints configured (SEAT_MANAGER_EL_RPC_URLS)");
      return ConfigException.EXIT_CODE;
    }
    try (Components components = Components.open(config, Components.Pool.CLI, Clock.systemUTC())) {
      return run(components);
    }
  }

  private static int run(Components components) {
    Config config = components.config();
    Optional<String> signer = config.writes().signerAddress();
    if (config.writes().enabled() && signer.isEmpty()) {
      // no SEAT_MANAGER_SIGNER_ADDRESS: ask the signer (run preflight where the signer is reachable)
      try {
        signer = Optional.of(components.addressOnlySigner().address());
      } catch (SigningException e) {
        System.out.println("signer unavailable: " + e.getMessage());
        return EXIT_FAILED;
      }
    }
    ChainClients clients = components.execution().orElseThrow();
    Preflight.Report report = new Preflight(config.chain(), clients, signer).run();
    System.out.print(report.table());
    System.out.flush();
    return report.passed() ? 0 : EXIT_FAILED;
  }
}
