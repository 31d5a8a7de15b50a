package org.centurion.seatmanager.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.centurion.seatmanager.audit.CliChange;
import org.centurion.seatmanager.cli.EnvOptions;
import org.centurion.seatmanager.problem.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keys export}: hands a managed seat's EIP-2335 keystore (still encrypted) to its validator operator. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Managed validator keys.",
    subcommands = {KeysCommand.Export.class})
public final class KeysCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write the seat's encrypted keystore to a new file (mode 600); the password is never written.")
  static final class Export implements Callable<Integer> {
    @Mixin EnvOptions env;

    @Option(names = "--seat", required = true, description = "The seat id")
    long seatId;

    @Option(names = "--out", required = true, description = "A new file; an existing file is never overwritten")
    Path out;

    @Override
    public Integer call() {
      return SeatCli.run("keys export", env, cli -> {
        Optional<String[]> row = cli.db.jdbi().withHandle(h -> h.createQuery("SELECT m.keystore, m.pubkey, m.key_path "
                + "FROM seats s JOIN seat_bls_material m ON m.request_id = s.request_id WHERE s.id = :id")
            .bind("id", seatId).map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
            .findOne());
        CliChange change = cli.attempt("keys.export", "seat:" + seatId);
        if (row.isEmpty()) {
          change.failed("seat:" + seatId, "NOT_FOUND");
          throw Problem.notFound("seat " + seatId + " has no managed key");
        }
        try {
          // Created with mode 600 from the start, and never over an existing file.
          Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(out, row.get()[0], StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
          change.failed("seat:" + seatId, "WRITE_FAILED");
          throw e;
        }
        change.succeeded("seat:" + seatId + " " + row.get()[1]);
        System.out.println("wrote the encrypted keystore of seat " + seatId + " (" + row.get()[2] + ", pubkey "
            + row.get()[1] + ") to " + out);
        return 0;
      });
    }
  }
}
