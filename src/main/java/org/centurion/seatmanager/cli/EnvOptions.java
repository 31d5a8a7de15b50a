package org.centurion.seatmanager.cli;

import java.nio.file.Path;
import org.centurion.seatmanager.config.Environment;
import picocli.CommandLine.Option;

/** {@code --env-file}: where the .env lives (default: the project root, else the working directory). */
public final class EnvOptions {
  @Option(names = "--env-file", paramLabel = "FILE",
      description = "The .env file to read (mode 600). Default: .env in the seat-manager home.")
  Path envFile;

  public Path envFile() {
    if (envFile != null) {
      return envFile;
    }
    String home = System.getenv("SEAT_MANAGER_HOME");
    return home != null ? Path.of(home, ".env") : Path.of(".env");
  }

  public Environment environment() {
    return Environment.load(System.getenv(), envFile());
  }
}
