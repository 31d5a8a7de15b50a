package org.centurion.seatmanager.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped systemd units under {@code deploy/systemd}, checked by systemd's own tool against a
 * scratch root that holds the host's unit library and the install layout ({@code /opt/seat-manager}):
 * {@code systemd-analyze verify} finds nothing (a misspelt option is only a warning there, so any
 * output fails), and {@code systemd-analyze security --offline} rates every unit at most 2.0 ("OK"; the tool counts tenths).
 */
class SystemdUnitsTest {
  private static final Path UNITS = Path.of("deploy/systemd");
  private static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");
  private static final Path HOST_UNITS = Path.of("/usr/lib/systemd/system");
  private static final List<String> EXPECTED = List.of("seat-manager-api.service", "seat-manager-signer.service",
      "seat-manager-watch.service");

  @TempDir
  Path root;

  @BeforeEach
  void systemd() {
    Assumptions.assumeTrue(Files.isExecutable(ANALYZE) && Files.isDirectory(HOST_UNITS)
        || "true".equals(System.getenv("CI")), "systemd-analyze is not installed (apt-get install systemd; CI installs it)");
  }

  @Test
  void theUnitsVerifyCleanAndAreHardened() throws Exception {
    List<Path> units = units();
    assertThat(units.stream().map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(EXPECTED);
    Path installed = scratchRoot(units);
    for (Path unit : units) {
      Path placed = installed.resolve(unit.getFileName());
      String verify = run(ANALYZE.toString(), "verify", "--root=" + root, placed.toString());
      assertThat(verify).as("systemd-analyze verify %s", unit.getFileName()).isEmpty();
      run(ANALYZE.toString(), "security", "--offline=yes", "--threshold=20", "--root=" + root, placed.toString());
      String text = Files.readString(unit);
      assertThat(text).contains("\nNoNewPrivileges=yes\n", "\nProtectSystem=strict\n", "\nCapabilityBoundingSet=\n",
          "\nRestartPreventExitStatus=2\n").doesNotContain("User=root");
    }
    assertThat(Files.readString(UNITS.resolve("seat-manager-signer.service")))
        .as("the signer has no network with a local key").contains("\nPrivateNetwork=yes\n", "\nRestrictAddressFamilies=AF_UNIX\n");
  }

  private static List<Path> units() throws IOException {
    try (Stream<Path> s = Files.list(UNITS)) {
      return s.filter(p -> p.toString().endsWith(".service")).sorted().toList();
    }
  }

  /** The host's unit library, the launcher at its install path (a stub) and the units where an admin puts them. */
  private Path scratchRoot(List<Path> units) throws IOException {
    Path library = root.resolve("usr/lib/systemd/system");
    Files.createDirectories(library);
    try (Stream<Path> s = Files.list(HOST_UNITS)) {
      for (Path p : s.toList()) {
        if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.copy(p, library.resolve(p.getFileName().toString()));
        } else if (Files.isSymbolicLink(p)) {
          Files.createSymbolicLink(library.resolve(p.getFileName().toString()), Files.readSymbolicLink(p));
        }
      }
    }
    for (String executable : List.of("opt/seat-manager/seat-manager", "usr/bin/chgrp")) {
      Path stub = root.resolve(executable);
      Files.createDirectories(stub.getParent());
      Files.writeString(stub, "#!/bin/sh\n");
      Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path installed = root.resolve("etc/systemd/system");
    Files.createDirectories(installed);
    for (Path unit : units) {
      Files.copy(unit, installed.resolve(unit.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
    return installed;
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("%s:%n%s", String.join(" ", command), out).isZero();
    return out.strip();
  }
}
