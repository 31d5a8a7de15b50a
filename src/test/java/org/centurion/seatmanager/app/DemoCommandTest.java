package org.centurion.seatmanager.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.centurion.seatmanager.web.Json;
import org.centurion.seatmanager.testing.ChildProcess;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code seat-manager demo} run as a newcomer would: a child process with an empty environment.
 * It prints the URL and a one-time password; with them an admin logs in, replaces the temporary
 * password and reads the dashboard; Ctrl-C (SIGTERM) stops everything.
 */
class DemoCommandTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void theDemoStartsServesTheDashboardToItsAdminAndStopsCleanly() throws Exception {
    // a newcomer runs it from the project root (where npm put anvil)
    Path root = Path.of("").toAbsolutePath();
    try (ChildProcess demo = ChildProcess.start(Map.of(), root, "demo", "--port", "0")) {
      Pattern url = Pattern.compile("API: +(http://127\\.0\\.0\\.1:\\d+)");
      Pattern password = Pattern.compile("password: +(\\S+)");
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
          .failFast("the demo exited", () -> !demo.isAlive())
          .untilAsserted(() -> assertThat(demo.stdout()).as(demo.stderr()).contains("Ctrl-C stops everything."));
      Matcher u = url.matcher(demo.stdout());
      Matcher p = password.matcher(demo.stdout());
      assertThat(u.find()).isTrue();
      assertThat(p.find()).isTrue();
      String base = u.group(1);
      assertThat(get(base + "/health", null).statusCode()).isEqualTo(200);

      Matcher rpc = Pattern.compile("devnet: +(http://127\\.0\\.0\\.1:\\d+)").matcher(demo.stdout());
      Matcher files = Pattern.compile("files: +(\\S+)").matcher(demo.stdout());
      assertThat(rpc.find()).isTrue();
      assertThat(files.find()).isTrue();

      // the printed walkthrough, as a newcomer runs it: one seat from with-vault to SETTLED
      String newPassword = "Demo-walkthrough-" + System.nanoTime() + "-Pw!";
      ProcessBuilder pb = new ProcessBuilder("bash", "scripts/demo-walkthrough.sh", base, p.group(1), rpc.group(1),
          files.group(1)).directory(root.toFile()).redirectErrorStream(true);
      pb.environment().put("WALKTHROUGH_NEW_PASSWORD", newPassword);
      Path log = org.centurion.seatmanager.testing.TestDirectories.file("walkthrough", ".log");
      pb.redirectOutput(log.toFile());
      long started = System.nanoTime();
      Process walk = pb.start();
      boolean finished = walk.waitFor(15, java.util.concurrent.TimeUnit.MINUTES);
      if (!finished) {
        walk.destroyForcibly();
      }
      String walkLog = Files.readString(log);
      System.out.println("walkthrough took " + (System.nanoTime() - started) / 1_000_000_000 + " s:\n" + walkLog);
      assertThat(finished).as(walkLog).isTrue();
      assertThat(walk.exitValue()).as(walkLog + "\ndemo stderr:\n" + demo.stderr()).isZero();
      assertThat(walkLog).contains("is SETTLED");

      String fresh = Json.mapper().readTree(post(base + "/v1/auth/login", null,
          "{\"username\":\"admin\",\"password\":\"" + newPassword + "\"}").body()).path("token").asString();

      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        HttpResponse<String> h = get(base + "/v1/dashboard/health", fresh);
        assertThat(h.statusCode()).as(h.body()).isEqualTo(200);
        JsonNode health = Json.mapper().readTree(h.body());
        assertThat(health.path("writesEnabled").asBoolean()).isTrue();
        assertThat(health.path("signer").path("mode").asString()).isEqualTo("local_key");
        assertThat(health.path("signer").path("balanceWei").asString()).isNotEmpty();
        assertThat(health.path("beaconEndpoints")).hasSize(2);
        assertThat(health.path("watchers").toString()).contains("el-deposits", "cl-validators");
      });
      HttpResponse<String> alerts = get(base + "/v1/dashboard/alerts?kind=WRITES_WITHOUT_KMS_OR_ISOLATED_SIGNER", fresh);
      assertThat(alerts.statusCode()).isEqualTo(200);
      assertThat(Json.mapper().readTree(alerts.body()).path("items")).as("local treasury key flagged").isNotEmpty();

      demo.terminate();
      assertThat(demo.waitFor(60)).isIn(0, 143);
      assertThat(demo.stdout()).contains("demo: stopped");
      assertThat(get(base + "/health", null)).as("nothing left listening").isNull();
      assertThat(get(rpc.group(1), null)).as("anvil stopped").isNull();
      assertThat(Path.of(files.group(1))).as("demo files removed").doesNotExist();
    }
  }

  private static HttpResponse<String> get(String url, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> post(String url, String token, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
