package org.centurion.seatmanager.cli;

import picocli.CommandLine.Command;

/** {@code seat-manager deposit-data …}: tools for deposit-cli files. */
@Command(
    name = "deposit-data",
    mixinStandardHelpOptions = true,
    description = "Check deposit-cli deposit_data-*.json files.",
    subcommands = {DepositDataVerifyCommand.class})
public final class DepositDataCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
