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
}
