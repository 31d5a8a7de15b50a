package org.centurion.seatmanager.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.centurion.seatmanager.beacon.BeaconClient;
import org.centurion.seatmanager.beacon.BeaconException;
import org.centurion.seatmanager.config.NamedEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hostile or broken upstream cannot exhaust the heap or hold a thread: execution and beacon
 * answers are read with a size limit and within the request's timeout.
 */
class UpstreamLimitsTest {
  static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    // claims a body larger than any JSON-RPC answer may be
    server.createContext("/huge-rpc", ex -> {
      ex.getRequestBody().readAllBytes();
      ex.sendResponseHeaders(200, ExecutionClient.MAX_RESPONSE_BYTES + 1);
      try (OutputStream out = ex.getResponseBody()) {
        out.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x".getBytes());
      } catch (java.io.IOException ignored) {
        // the client hung up, as it should
      }
    });
    // a beacon answer (chunked) larger than the limit
    server.createContext("/huge-cl/eth/v1/beacon/headers/head", ex -> {
      ex.sendResponseHeaders(200, 0);
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) ' ');
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i * chunk.length <= BeaconClient.MAX_BODY_BYTES + chunk.length; i++) {
          out.write(chunk);
        }
      } catch (java.io.IOException ignored) {
        // the client hung up, as it should
      }
    });
    // a beacon answer whose body never finishes
    server.createContext("/slow-cl/eth/v1/beacon/headers/head", ex -> {
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        out.write("{\"data\":".getBytes());
        out.flush();
        Thread.sleep(5_000);
      } catch (Exception ignored) {
        // the client hung up, as it should
      }
    });
    // a JSON-RPC answer that never ends (chunked, no length): only the limit or the timeout stops it
    server.createContext("/endless-rpc", ex -> {
      ex.getRequestBody().readAllBytes();
      ex.sendResponseHeaders(200, 0);
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) ' ');
      try (OutputStream out = ex.getResponseBody()) {
        out.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x".getBytes());
        while (true) {
          out.write(chunk);
        }
      } catch (java.io.IOException ignored) {
        // the client hung up, as it should
      }
    });
    // endpoints that accept the connection and never answer
    server.createContext("/silent-rpc", UpstreamLimitsTest::neverAnswer);
    server.createContext("/silent-cl", UpstreamLimitsTest::neverAnswer);
    server.start();
  }

  private static void neverAnswer(com.sun.net.httpserver.HttpExchange ex) {
    try {
      Thread.sleep(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void anExecutionAnswerAboveTheLimitIsTheEndpointsFailure() {
    try (ExecutionClient c = new ExecutionClient(new NamedEndpoint("huge", URI.create(base() + "/huge-rpc")),
        new RpcSettings(Duration.ofSeconds(2), 1, Duration.ZERO, Duration.ZERO))) {
      assertThatThrownBy(c::blockNumber).isInstanceOfSatisfying(ChainException.class,
          e -> assertThat(e.code()).isEqualTo(ChainErrorCode.ENDPOINT_UNAVAILABLE));
    }
  }

  @Test
  void aBeaconAnswerAboveTheLimitOrNeverFinishedIsRefused() {
    BeaconClient huge = new BeaconClient(new NamedEndpoint("huge", URI.create(base() + "/huge-cl")), Duration.ofSeconds(5));
    assertThatThrownBy(huge::headSlot).isInstanceOf(BeaconException.class).hasMessageContaining("more than");

    BeaconClient slow = new BeaconClient(new NamedEndpoint("slow", URI.create(base() + "/slow-cl")), Duration.ofMillis(500));
    long began = System.nanoTime();
    assertThatThrownBy(slow::headSlot).isInstanceOf(BeaconException.class).hasMessageContaining("not read within");
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void anEndlessExecutionAnswerOrOneNeverGivenFailsWithinTheTimeout() {
    RpcSettings oneTry = new RpcSettings(Duration.ofSeconds(2), 1, Duration.ZERO, Duration.ZERO);
    for (String path : java.util.List.of("/endless-rpc", "/silent-rpc")) {
      try (ExecutionClient c = new ExecutionClient(new NamedEndpoint("bad", URI.create(base() + path)), oneTry)) {
        long began = System.nanoTime();
        assertThatThrownBy(c::blockNumber).as(path).isInstanceOfSatisfying(ChainException.class,
            e -> assertThat(e.code()).isEqualTo(ChainErrorCode.ENDPOINT_UNAVAILABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - began)).as(path).isLessThan(Duration.ofSeconds(8));
      }
    }
  }

  @Test
  void aBeaconEndpointThatNeverAnswersFailsWithinTheTimeout() {
    BeaconClient silent = new BeaconClient(new NamedEndpoint("silent", URI.create(base() + "/silent-cl")), Duration.ofMillis(700));
    long began = System.nanoTime();
    assertThatThrownBy(silent::headSlot).isInstanceOf(BeaconException.class).hasMessageContaining("timed out");
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(4));
  }
}
