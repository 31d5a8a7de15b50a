package org.centurion.seatmanager.cli;

import picocli.CommandLine.Command;

/** {@code seat-manager operator …}: the validator operator's side (issue 16). */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description = "The validator operator's tools: onboard with an enrollment token, status, rotate the API key.",
    subcommands = {OperatorOnboardCommand.class, OperatorStatusCommand.class, OperatorRotateKeyCommand.class,
        OperatorVerifyTokenCommand.class})
public final class OperatorCommand implements Runnable {
  static final int EXIT_REFUSED = 1;
  static final int EXIT_USAGE = 2;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
