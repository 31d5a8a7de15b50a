package org.centurion.seatmanager.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.centurion.seatmanager.config.NamedEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The beacon client against a real HTTP endpoint on 127.0.0.1 that rate-limits like a hosted
 * provider: HTTP 429 with or without {@code Retry-After} for the next requests, then the spec's answer.
 */
class BeaconBackoffTest {
  private static HttpServer server;
  private static final AtomicInteger REQUESTS = new AtomicInteger();
  private static final AtomicInteger LIMITED = new AtomicInteger();
  private static final AtomicReference<String> RETRY_AFTER = new AtomicReference<>();
  private static URI base;

  @BeforeAll
  static void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/eth/v1/beacon/headers/head", exchange -> {
      REQUESTS.incrementAndGet();
      boolean limited = LIMITED.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
      byte[] body = (limited ? "{\"code\":429,\"message\":\"Too Many Requests\"}"
          : "{\"execution_optimistic\":false,\"finalized\":false,\"data\":{\"root\":\"0x" + "ab".repeat(32)
              + "\",\"canonical\":true,\"header\":{\"message\":{\"slot\":\"4242\"}}}}").getBytes(StandardCharsets.UTF_8);
      if (limited && RETRY_AFTER.get() != null) {
        exchange.getResponseHeaders().add("Retry-After", RETRY_AFTER.get());
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(limited ? 429 : 200, body.length);
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

  @BeforeEach
  void reset() {
    REQUESTS.set(0);
    LIMITED.set(0);
    RETRY_AFTER.set(null);
  }

  private static BeaconClient client() {
    return new BeaconClient(new NamedEndpoint("provider", base), Duration.ofSeconds(5));
  }

  private static Duration since(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos);
  }

  @Test
  void aShortRetryAfterIsWaitedOutBeforeTheNextRequestToThatEndpoint() {
    BeaconClient c = client();
    LIMITED.set(1);
    RETRY_AFTER.set("1");
    assertThatThrownBy(c::headSlot).isInstanceOf(BeaconException.class).hasMessageContaining("HTTP 429");

    long started = System.nanoTime();
    assertThat(c.headSlot()).isEqualTo(4242);
    assertThat(since(started)).as("the second request waited for Retry-After").isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertThat(REQUESTS.get()).isEqualTo(2);
    // a success resets the pause: the next request goes at once
    long again = System.nanoTime();
    assertThat(c.headSlot()).isEqualTo(4242);
    assertThat(since(again)).isLessThan(Duration.ofMillis(500));
  }

  @Test
  void aLongRetryAfterFailsLaterRequestsAtOnceWithoutSendingThem() {
    BeaconClient c = client();
    LIMITED.set(1);
    RETRY_AFTER.set("3600"); // bounded to EndpointBackoff.MAX_RETRY_AFTER, still longer than the timeout
    assertThatThrownBy(c::headSlot).hasMessageContaining("HTTP 429");

    long started = System.nanoTime();
    assertThatThrownBy(c::headSlot).isInstanceOf(BeaconException.class).hasMessageContaining("not sent")
        .hasMessageContaining("rate limited");
    assertThat(since(started)).isLessThan(Duration.ofMillis(500));
    assertThat(REQUESTS.get()).as("the endpoint was not asked again").isEqualTo(1);
    // the backoff is per endpoint client: another one is not held by it
    assertThat(client().headSlot()).isEqualTo(4242);
  }

  @Test
  void consecutiveRateLimitsWithoutRetryAfterBackOffExponentially() {
    BeaconClient c = client();
    LIMITED.set(2);
    assertThatThrownBy(c::headSlot).hasMessageContaining("HTTP 429");
    long second = System.nanoTime();
    assertThatThrownBy(c::headSlot).hasMessageContaining("HTTP 429");
    Duration firstPause = since(second);
    long third = System.nanoTime();
    assertThat(c.headSlot()).isEqualTo(4242);
    Duration secondPause = since(third);
    assertThat(firstPause).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(secondPause).as("doubled").isGreaterThanOrEqualTo(Duration.ofMillis(450));
    assertThat(REQUESTS.get()).isEqualTo(3);
  }
}
