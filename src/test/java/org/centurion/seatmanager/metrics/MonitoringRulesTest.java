package org.centurion.seatmanager.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.centurion.seatmanager.alerts.AlertKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Prometheus rules and Grafana dashboard, checked by Prometheus' own tool: the rules load,
 * their unit tests pass, every alert kind seat-manager raises has its rule, and every dashboard query
 * parses. (That every metric they read exists is {@code MetricsWiringTest}'s, against a real scrape.)
 */
class MonitoringRulesTest {
  @TempDir
  Path dir;

  @BeforeEach
  void promtool() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(MonitoringFiles.PROMTOOL)
        || "true".equals(System.getenv("CI")), "promtool is not installed (apt-get install prometheus; CI installs it)");
  }

  @Test
  void theRulesLoadAndTheirUnitTestsPass() throws Exception {
    assertThat(promtool(MonitoringFiles.RULES_DIR, "check", "rules", MonitoringFiles.RULES.getFileName().toString()))
        .contains("SUCCESS");
    assertThat(promtool(MonitoringFiles.RULES_DIR, "test", "rules", MonitoringFiles.RULE_TESTS.getFileName().toString()))
        .contains("SUCCESS");
  }

  @Test
  void everyAlertKindHasItsRule() throws IOException {
    String rules = Files.readString(MonitoringFiles.RULES);
    for (AlertKind kind : AlertKind.values()) {
      StringBuilder name = new StringBuilder("SeatManager");
      for (String word : kind.name().split("_")) {
        name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
      }
      assertThat(rules).as("a rule for %s", kind)
          .contains("- alert: " + name + "\n        expr: seat_manager_alerts_open{kind=\"" + kind.name() + "\"} > 0\n");
    }
  }

  @Test
  void everyDashboardQueryParses() throws Exception {
    List<String> lines = new ArrayList<>(List.of("groups:", "  - name: dashboard", "    rules:"));
    int n = 0;
    for (String expr : MonitoringFiles.dashboardExpressions()) {
      lines.add("      - record: dashboard:panel_" + n++);
      lines.add("        expr: '" + expr.replace("'", "''") + "'");
    }
    assertThat(n).isGreaterThan(15);
    Files.write(dir.resolve("dashboard.yml"), lines, StandardCharsets.UTF_8);
    assertThat(promtool(dir, "check", "rules", "dashboard.yml")).contains("SUCCESS: " + n + " rules found");
  }

  private static String promtool(Path cwd, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(MonitoringFiles.PROMTOOL.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("promtool %s:%n%s", String.join(" ", args), out).isZero();
    return out;
  }
}
