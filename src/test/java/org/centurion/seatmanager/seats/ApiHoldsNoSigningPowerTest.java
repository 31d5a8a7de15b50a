package org.centurion.seatmanager.seats;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.devnet.Anvil;
import org.centurion.seatmanager.testing.ChildProcess;
import org.centurion.seatmanager.testing.TestKeyProcess;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12, items 3 and 6, through the real processes: {@code api} started as its own JVM with writes
 * enabled and every kind of signer configured loads no key and opens no signer connection (a signer
 * socket, a signer port and a fake KMS that record every connection; a raw key that is not even a
 * key), and it has no mnemonic or keystore password; the key process ({@code keys serve}, its own JVM
 * with the launcher's 256 MiB heap) makes the managed key. Its signing routes still enqueue
 * operations, which the executor (here in the test JVM, with the treasury key) signs and sends:
 * {@code generate} ends in a verified seat.
 */
class ApiHoldsNoSigningPowerTest {
  static SeatTestbed bed;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    bed = new SeatTestbed();
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  @Test
  void apiWithWritesLoadsNoKeyOpensNoSignerConnectionAndGenerateStillEndsInAVerifiedSeat() throws Exception {
    Path signerSocket = dir.resolve("signer.sock");
    try (RecordingUnixSocket signer = new RecordingUnixSocket(signerSocket);
        RecordingTcpPort signerPort = new RecordingTcpPort();
        RecordingKms kms = new RecordingKms()) {
      TestKeyProcess keyFiles = new TestKeyProcess(dir, bed.api.env().get("SEAT_MANAGER_GENESIS_FORK_VERSION"));
      try (ChildProcess keys = ChildProcess.startLikeTheLauncher(keyFiles.env(), dir, "keys", "serve")) {
        awaitFile(keyFiles.socket, keys);

        Map<String, String> env = new HashMap<>(bed.api.env());
        // every signer the api could be pointed at, each recording whether it is ever touched
        env.put("SEAT_MANAGER_OWNER_PRIVATE_KEY", "not-a-key: api must never parse this");
        env.put("SEAT_MANAGER_KMS_KEY_ID", "alias/treasury");
        env.put("SEAT_MANAGER_KMS_REGION", "eu-central-1");
        env.put("SEAT_MANAGER_KMS_ENDPOINT", kms.url());
        env.put("SEAT_MANAGER_SIGNER_SOCKET", signerSocket.toString());
        env.put("SEAT_MANAGER_SIGNER_PORT", Integer.toString(signerPort.port()));
        env.put("SEAT_MANAGER_SIGNER_SECRET", TestSecrets.hex32());
        env.put("AWS_ACCESS_KEY_ID", "AKIATESTTESTTEST");
        env.put("AWS_SECRET_ACCESS_KEY", "test-secret-never-used");
        // what api checks instead: the treasury signer's address, against the router's active signer
        env.put("SEAT_MANAGER_SIGNER_ADDRESS", bed.devnet.treasurySigner().getAddress());
        env.put("SEAT_MANAGER_KEYS_SOCKET", keyFiles.socket.toString());
        assertThat(env).doesNotContainKeys("SEAT_MANAGER_MNEMONIC_FILE", "SEAT_MANAGER_KEYSTORE_PASSWORD_FILE");
        int port = Anvil.freePort();
        try (ChildProcess api = ChildProcess.start(env, dir, "api", "--port", Integer.toString(port))) {
          String base = "http://127.0.0.1:" + port;
          awaitServing(base, api);
          assertThat(api.stdout() + api.stderr()).contains("api holds no signing power");

          String beneficiary = org.centurion.seatmanager.devnet.DevnetAccounts.account(5).getAddress();
          HttpResponse<String> generated = post(base, "/v1/seats/generate",
              "{\"operatorId\":\"op-boundary\",\"beneficiary\":\"" + beneficiary + "\"}", true);
          assertThat(generated.statusCode()).as(generated.body()).isEqualTo(202);
          JsonNode g = SecurityFixture.JSON.readTree(generated.body());
          assertThat(g.path("operation").path("status").asString()).isEqualTo("QUEUED");
          bed.execute(g.path("operation").path("id").asLong());
          long seat = bed.seatOf(g.path("pubkey").asString());
          assertThat(bed.state(seat)).as("the managed seat is verified").isEqualTo("DATA_VERIFIED");

          HttpResponse<String> approved = post(base, "/v1/seats/" + seat + "/approve", "", false);
          assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
          bed.execute(SecurityFixture.JSON.readTree(approved.body()).path("operation").path("id").asLong());
          assertThat(bed.state(seat)).isEqualTo("ALLOWLISTED");

          assertThat(signer.connections()).as("signer socket connections").isZero();
          assertThat(signerPort.connections()).as("signer port connections").isZero();
          assertThat(kms.calls()).as("KMS calls").isZero();
          assertThat(api.isAlive()).isTrue();
          api.terminate();
          api.waitFor(30);
          assertThat(api.stdout() + api.stderr()).doesNotContain(env.get("SEAT_MANAGER_SIGNER_SECRET"));
        }
        // and api cannot be handed the mnemonic: it refuses to start with it in its environment
        env.put("SEAT_MANAGER_MNEMONIC_FILE", keyFiles.mnemonic.toString());
        try (ChildProcess api = ChildProcess.start(env, dir, "api", "--port", "0")) {
          assertThat(api.waitFor(60)).as(api.stderr()).isEqualTo(2);
          assertThat(api.stderr()).contains("SEAT_MANAGER_MNEMONIC_FILE is read only by the key process");
        }
        assertThat(keys.stdout()).contains("key process issued index=");
      }
    }
  }

  @Test
  void apiWatchSaysAtStartThatItsHttpProcessHoldsSigningPower() throws Exception {
    int port = Anvil.freePort();
    try (ChildProcess apiWatch = ChildProcess.start(bed.api.env(), dir, "api-watch", "--port", Integer.toString(port))) {
      awaitServing("http://127.0.0.1:" + port, apiWatch);
      assertThat(apiWatch.stdout() + apiWatch.stderr()).contains("this HTTP process holds signing power");
      apiWatch.terminate();
      apiWatch.waitFor(60);
    }
  }

  private static HttpResponse<String> post(String base, String path, String body, boolean stepUp) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + bed.adminToken).header("Content-Type", "application/json")
        .header("Idempotency-Key", java.util.UUID.randomUUID().toString());
    if (stepUp) {
      b.header(StepUpService.HEADER, bed.stepUpFor("POST " + path));
    }
    return HttpClient.newHttpClient().send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitServing(String base, ChildProcess api) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    for (int i = 0; i < 600; i++) {
      if (!api.isAlive()) {
        throw new AssertionError("api exited: " + api.stderr() + api.stdout());
      }
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(base + "/health")).GET().build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    throw new AssertionError("api did not serve: " + api.stderr());
  }

  private static void awaitFile(Path socket, ChildProcess keys) throws Exception {
    for (int i = 0; i < 600 && !Files.exists(socket); i++) {
      if (!keys.isAlive()) {
        throw new AssertionError("keys serve exited: " + keys.stderr() + keys.stdout());
      }
      Thread.sleep(100);
    }
    assertThat(socket).as(keys.stderr()).exists();
  }

  /** A Unix socket where a signer would listen; it only counts who connects. */
  static final class RecordingUnixSocket implements AutoCloseable {
    private final ServerSocketChannel server;
    private final AtomicInteger connections = new AtomicInteger();

    RecordingUnixSocket(Path path) throws IOException {
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(path));
      Thread.ofVirtual().start(() -> {
        while (server.isOpen()) {
          try (SocketChannel c = server.accept()) {
            connections.incrementAndGet();
          } catch (IOException closed) {
            return;
          }
        }
      });
    }

    int connections() {
      return connections.get();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  /** A loopback port where a TCP signer would listen; it only counts who connects. */
  static final class RecordingTcpPort implements AutoCloseable {
    private final ServerSocketChannel server;
    private final AtomicInteger connections = new AtomicInteger();

    RecordingTcpPort() throws IOException {
      server = ServerSocketChannel.open(StandardProtocolFamily.INET);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread.ofVirtual().start(() -> {
        while (server.isOpen()) {
          try (SocketChannel c = server.accept()) {
            connections.incrementAndGet();
          } catch (IOException closed) {
            return;
          }
        }
      });
    }

    int port() throws IOException {
      return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    int connections() {
      return connections.get();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  /** Where a KMS client would send GetPublicKey and Sign; it counts every request and answers none. */
  static final class RecordingKms implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    RecordingKms() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", ex -> {
        calls.incrementAndGet();
        ex.sendResponseHeaders(500, -1);
        ex.close();
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int calls() {
      return calls.get();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
