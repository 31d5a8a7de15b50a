package org.centurion.seatmanager.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the strict console CSP relies on, checked in the template sources: no unescaped output, no
 * inline script, style or event handler, no htmx attribute that would need eval.
 */
class ConsoleTemplatesTest {
  static List<Path> templates() throws IOException {
    try (Stream<Path> s = Files.walk(Path.of("src/main/jte/console"))) {
      return s.filter(p -> p.toString().endsWith(".jte")).toList();
    }
  }

  @Test
  void templatesKeepTheConsoleCspPossible() throws IOException {
    List<Path> all = templates();
    assertThat(all).hasSizeGreaterThan(10);
    for (Path p : all) {
      String t = Files.readString(p);
      assertThat(t).as(p.toString())
          .doesNotContain("$unsafe", "<style", " style=", "hx-on", "js:", "javascript:")
          .doesNotContainPattern("<script(?![^>]*\\ssrc=\"/console/assets/)")
          .doesNotContainPattern("\\son[a-z]+=");
    }
  }
}
