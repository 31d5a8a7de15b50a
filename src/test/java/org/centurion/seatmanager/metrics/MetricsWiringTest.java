package org.centurion.seatmanager.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.centurion.seatmanager.devnet.Anvil;
import org.centurion.seatmanager.testing.TestApi;
import org.junit.jupiter.api.Test;

/** SEAT_MANAGER_METRICS_PORT makes the API serve Prometheus metrics on their own loopback port. */
class MetricsWiringTest {
  @Test
  void metricsPortServesPrometheusTextOnLoopback() throws Exception {
    int port = Anvil.freePort();
    try (TestApi api = TestApi.start(Map.of("SEAT_MANAGER_METRICS_PORT", Integer.toString(port)))) {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
      // the gauges fill on the first background refresh, which starts with the server
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
        HttpResponse<String> r = http.send(scrape, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("seat_manager_seats{state=\"ACTIVE\"} 0.0");
        assertThat(r.body()).contains("seat_manager_executor_paused 0.0");
      });
      // issue 15: the emergency pause shows in the metrics on the next refresh
      new org.centurion.seatmanager.ops.EmergencyPause(api.app().database().jdbi(),
          new org.centurion.seatmanager.alerts.AlertService(api.app().database().jdbi(), java.time.Clock.systemUTC()), java.time.Clock.systemUTC())
          .pause("metrics-test", "metrics wiring test");
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(http.send(scrape, HttpResponse.BodyHandlers.ofString()).body()).contains("seat_manager_executor_paused 1.0"));
      // and not on the API port
      assertThat(api.get("/metrics").statusCode()).isEqualTo(404);
    }
  }

  /**
   * The standard metrics operators expect beside the domain ones, in Prometheus' conventions as
   * {@code promtool check metrics} (Debian's prometheus package; installed by CI) reads them.
   */
  @Test
  void exposesStandardMetricsThatPromtoolAccepts() throws Exception {
    int port = Anvil.freePort();
    try (TestApi api = TestApi.start(Map.of("SEAT_MANAGER_METRICS_PORT", Integer.toString(port),
        // a node that does not answer: its probe series exist (up 0) for the dashboard's panels
        "SEAT_MANAGER_EL_RPC_URLS", "down=http://127.0.0.1:" + Anvil.freePort()))) {
      HttpClient http = HttpClient.newHttpClient();
      assertThat(api.get("/v1/seats").statusCode()).isEqualTo(401);
      assertThat(api.get("/v1/seats/12345").statusCode()).isEqualTo(401);
      assertThat(api.get("/no/such/route/" + System.nanoTime()).statusCode()).isEqualTo(404);
      // a watcher round on record, as the watch process leaves it, so that the watcher series exist
      var cursors = new org.centurion.seatmanager.watch.WatcherCursors(api.app().database().jdbi(), java.time.Clock.systemUTC());
      api.app().database().jdbi().useTransaction(h -> cursors.advance(h, "deposit-watcher", 90, 100, "metrics-test"));
      System.gc(); // so that the GC pause series the dashboard reads exists
      new org.centurion.seatmanager.alerts.AlertService(api.app().database().jdbi(), java.time.Clock.systemUTC())
          .raise("metrics-test", org.centurion.seatmanager.alerts.AlertSignal.global(
              org.centurion.seatmanager.alerts.AlertKind.TREASURY_BALANCE_LOW,
              org.centurion.seatmanager.alerts.Severity.WARNING, "metrics-test", "so that the open-alert series exists"));
      HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(http.send(scrape, HttpResponse.BodyHandlers.ofString()).body())
              .contains("seat_manager_executor_signatures_total 0.0")
              .contains("seat_manager_alerts_open{kind=\"TREASURY_BALANCE_LOW\",severity=\"WARNING\"} 1.0")
              .contains("seat_manager_endpoint_up{endpoint=\"down\",layer=\"EL\"} 0.0")
              .contains("seat_manager_watcher_lag{role=\"deposit-watcher\"} 10.0"));
      String body = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
      assertThat(body)
          .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/v1/seats\",status=\"401\"} 1")
          .contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/v1/seats\",status=\"401\",le=\"0.025\"}")
          .as("the template, never the path").contains("route=\"/v1/seats/{id}\"").doesNotContain("/v1/seats/12345")
          .contains("route=\"(unmatched)\",status=\"404\"").doesNotContain("/no/such/route")
          .contains("hikaricp_connections_active{pool=").contains("hikaricp_connections_max{pool=")
          .contains("jvm_memory_used_bytes{").contains("jvm_threads_live_threads").contains("jvm_gc_")
          .contains("process_cpu_usage").contains("process_cpu_seconds_total ").contains("system_cpus ").contains("process_uptime_seconds").contains("process_files_open_files")
          .contains("seat_manager_executor_broadcasts_total{result=\"accepted\"} 0.0")
          .contains("seat_manager_executor_broadcasts_total{result=\"error\"} 0.0")
          .contains("seat_manager_treasury_refusals_total{code=\"POLICY_REFUSED\"} 0.0")
          .contains("seat_manager_treasury_refusals_total{code=\"UNEXPECTED_VALUE_MOVE\"} 0.0");
      for (String name : MonitoringFiles.metricNamesUsed()) {
        assertThat(body).as("the rules and the dashboard read %s", name).containsPattern("(?m)^" + name + "[{ ]");
      }
      java.nio.file.Path promtool = java.nio.file.Path.of("/usr/bin/promtool");
      org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(promtool)
          || "true".equals(System.getenv("CI")), "promtool is not installed (apt-get install prometheus; CI installs it)");
      Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
      try (var in = check.getOutputStream()) {
        in.write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      String findings = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(check.waitFor()).as("promtool check metrics:%n%s", findings).isZero();
      assertThat(findings).as("promtool lint findings").isBlank();
    }
  }
}
