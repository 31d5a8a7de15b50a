package org.centurion.seatmanager.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The shipped monitoring files under {@code deploy/}: the alerting rules and the Grafana dashboard. */
final class MonitoringFiles {
  static final Path RULES_DIR = Path.of("deploy/prometheus");
  static final Path RULES = RULES_DIR.resolve("seat-manager.rules.yml");
  static final Path RULE_TESTS = RULES_DIR.resolve("seat-manager.rules.test.yml");
  static final Path DASHBOARD = Path.of("deploy/grafana/seat-manager-dashboard.json");
  static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  private static final Pattern METRIC = Pattern.compile(
      "\\b((?:seat_manager|http_server|hikaricp|jvm|process|system)_[a-z_]+)\\b");

  private MonitoringFiles() {}

  /** Every PromQL expression of the dashboard's panels, with its template variables filled in. */
  static List<String> dashboardExpressions() throws IOException {
    JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
    List<String> out = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        out.add(target.get("expr").asString().replace("$instance", ".*"));
      }
    }
    return out;
  }

  /** The metric names the rules and the dashboard read (without the histogram suffixes). */
  static Set<String> metricNamesUsed() throws IOException {
    Set<String> names = new TreeSet<>();
    List<String> sources = new ArrayList<>(dashboardExpressions());
    for (String line : Files.readAllLines(RULES)) {
      if (line.strip().startsWith("expr:")) {
        sources.add(line);
      }
    }
    for (String s : sources) {
      Matcher m = METRIC.matcher(s);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }
}
