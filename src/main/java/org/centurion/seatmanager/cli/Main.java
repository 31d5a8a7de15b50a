package org.centurion.seatmanager.cli;


import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point: every role of seat-manager is a subcommand of this jar. */
@Command(
    name = "seat-manager",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Control plane for foundation-funded validator seats on Centurion.",
    subcommands = {
      VersionCommand.class,
      org.centurion.seatmanager.cli.ApiCommand.class,
      org.centurion.seatmanager.cli.DbCommand.class,
      org.centurion.seatmanager.cli.AuditCommand.class,
      org.centurion.seatmanager.cli.SecretsCommand.class,
      org.centurion.seatmanager.cli.SignerCommand.class,
      org.centurion.seatmanager.cli.DepositDataCommand.class,
      org.centurion.seatmanager.cli.UsersCommand.class,
      org.centurion.seatmanager.cli.StakerKeysCommand.class,
      org.centurion.seatmanager.cli.DevnetCommand.class,
      org.centurion.seatmanager.cli.PreflightCommand.class,
      org.centurion.seatmanager.cli.SeatCommand.class,
      org.centurion.seatmanager.cli.KeysCommand.class,
      org.centurion.seatmanager.cli.WatchCommand.class,
      org.centurion.seatmanager.cli.ApiWatchCommand.class,
      org.centurion.seatmanager.cli.DemoCommand.class,
      org.centurion.seatmanager.cli.PauseCommand.class,
      org.centurion.seatmanager.cli.ResumeCommand.class,
      org.centurion.seatmanager.cli.OperationsCommand.class,
      org.centurion.seatmanager.cli.OperatorCommand.class,
      org.centurion.seatmanager.cli.EnrollmentKeyCommand.class,
      org.centurion.seatmanager.cli.ReconcileCommand.class,
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code; tests call this instead of {@link #main}. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
