package org.centurion.seatmanager.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A misspelt variable is named at start with the nearest known one, and the list of known names
 * stays equal to what the code reads and the documentation describes.
 */
class KnownVariablesTest {
  private static final Pattern SOURCE_NAME = Pattern.compile("\"(SEAT_MANAGER_[A-Z0-9_]*[A-Z0-9])\"");

  @TempDir
  Path dir;

  @Test
  void aMisspeltVariableIsNamedWithTheNearestKnownOne() {
    Environment env = new Environment(Map.of("SEAT_MANAGER_WRITE_ENABLED", "true", "PATH", "/usr/bin",
        "SEAT_MANAGER_WRITES_ENABLED", "false", "SEAT_MANAGER_SESSION_HMAC_SECRET_PREVIOUS_UNTIL", "2030-01-01"));
    assertThat(KnownVariables.warnings(env)).containsExactly("SEAT_MANAGER_WRITE_ENABLED is not a seat-manager variable"
        + " and is ignored (did you mean SEAT_MANAGER_WRITES_ENABLED?)");
    assertThat(KnownVariables.warnings(new Environment(Map.of("SEAT_MANAGER_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", "1"))))
        .as("no guess when nothing is near").containsExactly(
            "SEAT_MANAGER_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ is not a seat-manager variable and is ignored");
  }

  @Test
  void everyUnknownKeyOfTheEnvFileIsNamedAndTheValueNever() throws IOException {
    Path file = dir.resolve(".env");
    Files.writeString(file, "DATABSE_URL=postgres://u:hunter2@db/seats\nSESSION_HMAC_SECRET=" + "ab".repeat(32) + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Environment env = Environment.load(Map.of("HOME", "/root"), file);
    assertThat(KnownVariables.warnings(env))
        .containsExactly("DATABSE_URL is not a seat-manager variable and is ignored (did you mean DATABASE_URL?)")
        .noneMatch(w -> w.contains("hunter2"));
  }

  @Test
  void theLoaderReportsThemAsWarnings() {
    Map<String, String> env = new HashMap<>();
    env.put("SESSION_HMAC_SECRET", org.centurion.seatmanager.testing.TestSecrets.hex32());
    env.put("STEP_UP_HMAC_SECRET", org.centurion.seatmanager.testing.TestSecrets.hex32());
    env.put("DATABASE_URL", "postgres://u:p@127.0.0.1:5432/seats");
    env.put("SEAT_MANAGER_ENV", "development");
    env.put("SEAT_MANAGER_CONFIRMATION", "3");
    Config config = ConfigLoader.load(new Environment(env), "127.0.0.1", 0);
    assertThat(config.warnings()).contains("SEAT_MANAGER_CONFIRMATION is not a seat-manager variable and is ignored"
        + " (did you mean SEAT_MANAGER_CONFIRMATIONS?)");
  }

  @Test
  void everyNameTheCodeReadsIsKnown() throws IOException {
    Set<String> read = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = SOURCE_NAME.matcher(Files.readString(f));
        while (m.find()) {
          read.add(m.group(1));
        }
      }
    }
    assertThat(read).hasSizeGreaterThan(50).allMatch(KnownVariables::isKnown);
  }

  @Test
  void everyKnownNameIsDocumentedAndTheExampleHoldsOnlyKnownOnes() throws IOException {
    StringBuilder docs = new StringBuilder(Files.readString(Path.of("README.md")));
    try (Stream<Path> files = Files.list(Path.of("docs"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".md")).toList()) {
        docs.append(Files.readString(f));
      }
    }
    String example = Files.readString(Path.of(".env.example"));
    for (String name : KnownVariables.NAMES) {
      assertThat(docs.toString() + example).as("%s is documented", name).contains(name);
    }
    Matcher keys = Pattern.compile("(?m)^#?([A-Z][A-Z0-9_]+)=").matcher(example);
    int n = 0;
    while (keys.find()) {
      assertThat(KnownVariables.isKnown(keys.group(1))).as(".env.example's %s", keys.group(1)).isTrue();
      n++;
    }
    assertThat(n).isGreaterThan(60);
    String readme = Files.readString(Path.of("README.md"));
    String table = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("## Execution and beacon"));
    Matcher documented = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]+)`").matcher(table);
    while (documented.find()) {
      String name = documented.group(1);
      assertThat(KnownVariables.isKnown(name)).as("README's %s", name).isTrue();
      if (!Set.of("SEAT_MANAGER_TEST_DATABASE_URL", "SEAT_MANAGER_JAVA_OPTS").contains(name)) {
        assertThat(example).as(".env.example lists README's %s", name).contains("#" + name + "=");
      }
    }
  }
}
