package org.centurion.seatmanager.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.config.EnvFile;
import org.centurion.seatmanager.config.SecretRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code secrets generate}: the runbook §2 HMAC secrets, persisted in a mode-600 .env. */
@Command(name = "secrets", mixinStandardHelpOptions = true, description = "Manage the HMAC secrets.",
    subcommands = {SecretsCommand.Generate.class})
public final class SecretsCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Write fresh SESSION_HMAC_SECRET and STEP_UP_HMAC_SECRET (256 bits each) to the .env file. "
          + "Rotating them invalidates every session.")
  static final class Generate implements Callable<Integer> {
    private static final List<String> NAMES =
        List.of(ConfigLoader.SESSION_HMAC_SECRET, ConfigLoader.STEP_UP_HMAC_SECRET);

    @Option(names = "--env-file", paramLabel = "FILE", description = "Default: .env in the seat-manager home.")
    Path envFile;

    @Option(names = "--force", description = "Replace values that are already set (invalidates all sessions).")
    boolean force;

    @Option(names = "--print", description = "Also print the new secrets on stdout.")
    boolean print;

    @Override
    public Integer call() throws IOException {
      Path file = envFile != null ? envFile : new EnvOptions().envFile();
      List<String> lines = new ArrayList<>();
      if (Files.exists(file)) {
        EnvFile.requireOwnerOnly(file, "the .env file");
        lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
      List<String> present = NAMES.stream().filter(n -> lines.stream().anyMatch(l -> definesVar(l, n))).toList();
      boolean mfaKeyMissing = lines.stream().noneMatch(l -> definesVar(l, ConfigLoader.MFA_KEY));
      if (present.size() == NAMES.size() && !force && mfaKeyMissing) {
        // an installation from before issue 13: add the MFA key alone, keeping every session
        String value = fresh(new SecureRandom());
        lines.add(ConfigLoader.MFA_KEY + "=" + value);
        writeOwnerOnly(file, lines);
        System.out.println("wrote " + ConfigLoader.MFA_KEY + " to " + file + " (mode 600); the HMAC secrets were kept");
        if (print) {
          System.out.println(ConfigLoader.MFA_KEY + "=" + value);
        }
        return 0;
      }
      if (!present.isEmpty() && !force) {
        System.err.println("seat-manager secrets generate: " + String.join(" and ", present) + " already set in "
            + file + "; use --force to replace (every session becomes invalid)");
        return 1;
      }
      lines.removeIf(l -> NAMES.stream().anyMatch(n -> definesVar(l, n)));
      SecureRandom random = new SecureRandom();
      List<String> generated = new ArrayList<>();
      for (String name : NAMES) {
        String value = fresh(random);
        lines.add(name + "=" + value);
        generated.add(name + "=" + value);
      }
      // SEAT_MANAGER_MFA_KEY seals TOTP secrets: written once, never replaced here, not even with --force
      // (a new one would lock every TOTP user out; it rotates with SEAT_MANAGER_MFA_KEY_PREVIOUS)
      boolean mfaKeyAdded = mfaKeyMissing;
      if (mfaKeyAdded) {
        String value = fresh(random);
        lines.add(ConfigLoader.MFA_KEY + "=" + value);
        generated.add(ConfigLoader.MFA_KEY + "=" + value);
      }
      writeOwnerOnly(file, lines);
      System.out.println("wrote " + String.join(" and ", NAMES) + (mfaKeyAdded ? " and " + ConfigLoader.MFA_KEY : "")
          + " to " + file + " (mode 600)");
      if (print) {
        generated.forEach(System.out::println);
      }
      return 0;
    }

    private static String fresh(SecureRandom random) {
      String value;
      do {
        byte[] b = new byte[32];
        random.nextBytes(b);
        value = HexFormat.of().formatHex(b);
      } while (SecretRules.problemWithHexSecret(value).isPresent());
      return value;
    }

    private static boolean definesVar(String line, String name) {
      String l = line.strip();
      if (l.startsWith("export ")) {
        l = l.substring(7).strip();
      }
      return l.startsWith(name + "=");
    }

    /** Writes through a mode-600 temporary file and an atomic move, so the secret is never world-readable. */
    private static void writeOwnerOnly(Path file, List<String> lines) throws IOException {
      Path dir = java.util.Objects.requireNonNull(file.toAbsolutePath().getParent(), "the env file needs a directory");
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".env", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.write(tmp, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
