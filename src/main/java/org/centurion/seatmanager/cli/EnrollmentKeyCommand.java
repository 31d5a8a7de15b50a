package org.centurion.seatmanager.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import org.centurion.seatmanager.operator.EnrollmentKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seat-manager enrollment-key generate --out FILE}: a new Ed25519 enrollment signing key as a JWK,
 * created mode 600 (never overwriting), for SEAT_MANAGER_ENROLLMENT_KEY_FILE; prints its public JWK.
 */
@Command(name = "enrollment-key", mixinStandardHelpOptions = true, description = "Manage the enrollment token signing key.",
    subcommands = {EnrollmentKeyCommand.Generate.class})
public final class EnrollmentKeyCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "generate", mixinStandardHelpOptions = true, description = "Write a new Ed25519 key (JWK, mode 600).")
  static final class Generate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the key file to create") Path out;

    @Override
    public Integer call() throws Exception {
      PrintWriter w = spec.commandLine().getOut();
      if (Files.exists(out)) {
        spec.commandLine().getErr().println(out + " exists: refusing to overwrite a signing key");
        return 2;
      }
      EnrollmentKey k = EnrollmentKey.generate();
      Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(out, k.privateJwkJson());
      w.println("wrote " + out + " (mode 600); set SEAT_MANAGER_ENROLLMENT_KEY_FILE=" + out);
      w.println("public key (give it to operators out of band): " + k.publicJwk().toJSONString());
      return 0;
    }
  }
}
