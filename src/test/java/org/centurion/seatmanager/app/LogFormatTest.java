package org.centurion.seatmanager.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.centurion.seatmanager.testing.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON lines for services, one readable line on a terminal, through the shipped logback.xml. */
class LogFormatTest {
  @TempDir Path dir;

  @Test
  void aTerminalGetsTextAndAnythingElseJsonUnlessConfigured() {
    assertThat(LogFormat.choose(null, true)).isEqualTo("text");
    assertThat(LogFormat.choose(null, false)).isEqualTo("json");
    assertThat(LogFormat.choose(" JSON ", true)).isEqualTo("json");
    assertThat(LogFormat.choose("text", false)).isEqualTo("text");
    assertThat(LogFormat.choose("yaml", false)).as("an unknown format keeps the safe default").isEqualTo("json");
  }

  @Test
  void aPipeGetsJsonLinesAndTheVariableGetsText() throws Exception {
    try (ChildProcess p = ChildProcess.startClass(LogLineMain.class.getName(), Map.of(), dir)) {
      assertThat(p.waitFor(30)).isZero();
      assertThat(p.stdout().strip()).startsWith("{\"@timestamp\"").contains("\"message\":\"seat moved seat=7\"")
          .contains("\"seat\":7");
    }
    try (ChildProcess p = ChildProcess.startClass(LogLineMain.class.getName(), Map.of("SEAT_MANAGER_LOG_FORMAT", "text"),
        dir)) {
      assertThat(p.waitFor(30)).isZero();
      assertThat(p.stdout().strip()).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  LogLineMain: seat moved seat=7");
    }
  }

  /** util-linux {@code script} runs the JVM on a pseudo-terminal, as a person at a shell would. */
  @Test
  void aRealTerminalGetsTextWithoutBeingTold() throws Exception {
    Path script = Path.of("/usr/bin/script");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(script), "util-linux script is missing");
    String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command = javaBinary + " -cp " + System.getProperty("java.class.path") + " " + LogLineMain.class.getName();
    Process p = new ProcessBuilder(script.toString(), "-qec", command, "/dev/null").directory(dir.toFile())
        .redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out.strip()).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  LogLineMain: seat moved seat=7");
  }
}
