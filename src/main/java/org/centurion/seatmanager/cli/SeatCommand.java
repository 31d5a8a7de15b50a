package org.centurion.seatmanager.cli;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.List;
import java.util.concurrent.Callable;
import org.centurion.seatmanager.cli.EnvOptions;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.seats.Seat;
import org.centurion.seatmanager.seats.SeatState;
import org.centurion.seatmanager.seats.SeatStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code seat list|show}: the seats as the API shows them, for operators at a shell; the writes
 * ({@code with-vault|approve|deposit|revoke|force-exit|settle|resolve}) go through the API ({@link SeatActionCommand}).
 */
@Command(name = "seat", mixinStandardHelpOptions = true,
    description = "Inspect seats (from the database) and act on them (through the API).",
    subcommands = {SeatCommand.ListSeats.class, SeatCommand.Show.class, SeatActionCommand.WithVault.class,
        SeatActionCommand.Approve.class, SeatActionCommand.Deposit.class, SeatActionCommand.Revoke.class,
        SeatActionCommand.ForceExit.class, SeatActionCommand.Settle.class, SeatActionCommand.Resolve.class,
        SeatEvidenceCommand.class})
public final class SeatCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List seats, optionally in one state.")
  static final class ListSeats implements Callable<Integer> {
    @Mixin EnvOptions env;

    @Option(names = "--state", description = "CREATED, DATA_VERIFIED, ALLOWLISTED, …")
    SeatState state;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many seats (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      return SeatCli.run("seat list", env, cli -> {
        if (limit < 1 || limit > 500) {
          throw Problem.badRequest(ErrorCodes.INVALID_FILTER, "--limit must be 1 to 500");
        }
        List<Seat> seats = cli.db.jdbi().withHandle(h -> new SeatStore().list(h, new SeatStore.Filter(
            java.util.Optional.ofNullable(state), java.util.Optional.empty(), java.util.Optional.empty(),
            java.util.Optional.empty(), java.util.Optional.empty(), 0, limit)));
        System.out.printf("%-6s %-15s %-20s %-42s %s%n", "ID", "STATE", "OPERATOR", "VAULT", "PUBKEY");
        for (Seat s : seats) {
          System.out.printf("%-6d %-15s %-20s %-42s %s%n", s.id(), s.state(), s.operatorId(), s.vaultAddress(), s.pubkey());
        }
        return 0;
      });
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One seat with its evidence.")
  static final class Show implements Callable<Integer> {
    @Mixin EnvOptions env;

    @Option(names = "--id", required = true, description = "The seat's id.")
    long id;

    @Override
    public Integer call() {
      return SeatCli.run("seat show", env, cli -> {
        SeatStore store = new SeatStore();
        Seat s = cli.db.jdbi().withHandle(h -> store.find(h, id)).orElseThrow(() -> Problem.notFound("no seat " + id));
        System.out.println("seat " + s.id() + ": " + s.state() + s.exceptionReason().map(r -> " (" + r + ")").orElse(""));
        System.out.println("operator     " + s.operatorId());
        System.out.println("beneficiary  " + s.beneficiary());
        System.out.println("pubkey       " + s.pubkey());
        System.out.println("vault        " + s.vaultAddress());
        for (SeatStore.EvidenceRow e : cli.db.jdbi().withHandle(h -> store.evidence(h, id))) {
          System.out.println(e.observedAt() + "  " + e.from().map(Enum::name).orElse("-") + " -> " + e.to()
              + "  " + e.evidence().event().orElse("") + " " + e.evidence().txHash().orElse("")
              + e.evidence().detail().map(d -> "  " + d).orElse(""));
        }
        return 0;
      });
    }
  }
}
