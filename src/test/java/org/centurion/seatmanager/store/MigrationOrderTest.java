package org.centurion.seatmanager.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A deployment that has applied V51 refuses a new V12 ({@code db migrate}: "Detected resolved migration not
 * applied to database"), so a migration numbered into a gap below the shipped ones breaks every upgrade.
 * This happened once (a per-feature version range); the shipped list makes it a test failure instead.
 */
class MigrationOrderTest {
  private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");

  @Test
  void everyNewMigrationIsNumberedAboveEveryShippedOne() throws IOException, URISyntaxException {
    List<Integer> shipped = shippedVersions();
    int highestShipped = shipped.stream().mapToInt(Integer::intValue).max().orElseThrow();
    Path dir = Path.of(Objects.requireNonNull(getClass().getResource("/db/migration")).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Matcher m = VERSIONED.matcher(file.getFileName().toString());
        assertThat(m.matches()).as("%s is named V<version>__<description>.sql", file.getFileName()).isTrue();
        int version = Integer.parseInt(m.group(1));
        if (!shipped.contains(version)) {
          assertThat(version)
              .as("%s is new: it must be numbered above V%d, the highest shipped migration", file.getFileName(),
                  highestShipped)
              .isGreaterThan(highestShipped);
        }
      }
    }
  }

  @Test
  void everyShippedMigrationIsStillThere() throws IOException, URISyntaxException {
    Path dir = Path.of(Objects.requireNonNull(getClass().getResource("/db/migration")).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<Integer> present = files.map(f -> VERSIONED.matcher(f.getFileName().toString()))
          .filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1))).toList();
      assertThat(present).as("a shipped migration was removed or renumbered").containsAll(shippedVersions());
    }
  }

  private static List<Integer> shippedVersions() throws IOException {
    try (InputStream in = MigrationOrderTest.class.getResourceAsStream("/db/released-migrations.txt")) {
      return new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).map(Integer::parseInt).toList();
    }
  }
}
