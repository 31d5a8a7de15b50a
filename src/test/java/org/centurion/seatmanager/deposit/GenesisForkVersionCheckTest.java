package org.centurion.seatmanager.deposit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.centurion.seatmanager.beacon.BeaconClient;
import org.centurion.seatmanager.config.NamedEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on 127.0.0.1 that answers like a beacon node. */
class GenesisForkVersionCheckTest {
  private static HttpServer server;
  private static final AtomicReference<String> BODY = new AtomicReference<>();
  private static final AtomicInteger STATUS = new AtomicInteger(200);
  private static URI base;

  @BeforeAll
  static void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/eth/v1/beacon/genesis", exchange -> {
      byte[] body = BODY.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(STATUS.get(), body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static GenesisForkVersionCheck check(URI uri) {
    return new GenesisForkVersionCheck(new BeaconClient(new NamedEndpoint("cl1", uri), Duration.ofSeconds(5)));
  }

  private static void answer(int status, String forkVersion) {
    STATUS.set(status);
    BODY.set("{\"data\":{\"genesis_time\":\"1695902400\",\"genesis_validators_root\":\"0x9143aa7c615a7f7115e2b6aac319c03529df8242ae705fba9df39b79c59fa8b1\",\"genesis_fork_version\":\"" + forkVersion + "\"}}");
  }

  @Test
  void matchingVersionPasses() {
    answer(200, "0x01017000");
    assertThatCode(() -> check(base).requireMatch(ForkVersion.parse("0x01017000"))).doesNotThrowAnyException();
    assertThatCode(() -> check(URI.create(base + "/")).requireMatch(ForkVersion.parse("0x01017000"))).doesNotThrowAnyException();
  }

  @Test
  void mismatchIsFatalAndNamesTheSetting() {
    answer(200, "0x10000910");
    assertThatThrownBy(() -> check(base).requireMatch(ForkVersion.parse("0x01017000")))
        .isInstanceOf(GenesisForkVersionCheck.MismatchException.class)
        .hasMessageContaining("SEAT_MANAGER_GENESIS_FORK_VERSION")
        .hasMessageContaining("0x10000910");
  }

  @Test
  void anUnusableAnswerIsFatalToo() {
    answer(503, "0x01017000");
    assertThatThrownBy(() -> check(base).requireMatch(ForkVersion.parse("0x01017000"))).hasMessageContaining("HTTP 503");
    answer(200, "0x0101700");
    assertThatThrownBy(() -> check(base).requireMatch(ForkVersion.parse("0x01017000"))).hasMessageContaining("genesis_fork_version");
    STATUS.set(200);
    BODY.set("not json");
    assertThatThrownBy(() -> check(base).requireMatch(ForkVersion.parse("0x01017000"))).hasMessageContaining("genesis_fork_version");
  }

  @Test
  void anUnreachableNodeIsFatal() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    assertThatThrownBy(() -> check(URI.create("http://127.0.0.1:" + closedPort)).requireMatch(ForkVersion.parse("0x01017000")))
        .hasMessageContaining("did not answer");
  }

  @Test
  void errorsNameTheEndpointByLabelNeverByItsUrl() {
    answer(503, "0x01017000");
    URI withKey = URI.create(base + "/v2/provider-key-SECRET123");
    assertThatThrownBy(() -> check(withKey).requireMatch(ForkVersion.parse("0x01017000")))
        .hasMessageContaining("cl1").hasMessageNotContaining("SECRET123");
    answer(200, "0x10000910");
    assertThatThrownBy(() -> check(base).requireMatch(ForkVersion.parse("0x01017000")))
        .hasMessageContaining("cl1").hasMessageNotContaining("127.0.0.1");
  }
}
