package org.centurion.seatmanager.cli;

import java.util.concurrent.Callable;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.reconcile.Reconciliation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code seat-manager reconcile} (issue 15): compares the database with the chain and prints each
 * disagreement; changes nothing. Exit 0 when everything agrees, 1 when something does not (or could
 * not be checked), 2 when the configuration or the database cannot be used.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
    description = "Compare the database with the chain (vaults in the factory registry, deposits, allowlist intents,"
        + " validator states on the beacon endpoints, mined intents) and report each disagreement; read-only.")
public final class ReconcileCommand implements Callable<Integer> {
  @Mixin EnvOptions env;

  @Override
  public Integer call() {
    return SeatCli.run("reconcile", env, cli -> {
      Reconciliation r = cli.components().reconciliation().orElseThrow(() -> new ConfigException("reconcile needs the chain:"
          + " SEAT_MANAGER_EL_RPC_URLS, SEAT_MANAGER_CHAIN_ID and the contract addresses (SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS,"
          + " SEAT_MANAGER_VAULT_FACTORY_ADDRESS, SEAT_MANAGER_ROUTER_ADDRESS, SEAT_MANAGER_PRINCIPAL_DESTINATION)"));
      Reconciliation.Report report = r.run();
      for (Reconciliation.Finding f : report.findings()) {
        System.out.println("DISAGREES  " + f.subject() + "  [" + f.check() + "]  " + f.detail());
      }
      for (String u : report.unchecked()) {
        System.out.println("UNCHECKED  " + u);
      }
      System.out.println(report.seats() + " seats and " + report.intents() + " intents compared: " + report.findings().size()
          + " disagreement(s), " + report.unchecked().size() + " unchecked");
      return report.findings().isEmpty() && report.unchecked().isEmpty() ? 0 : 1;
    });
  }
}
