package org.centurion.seatmanager.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * {@code http_server_requests_seconds}: every request by method, route template and status, with a
 * latency histogram. The route is the template ({@code /v1/seats/{id}}), never the path, and every
 * request no route matched counts as {@code (unmatched)}: a client cannot grow the series by
 * inventing paths.
 */
final class HttpRequestTimer {
  /** Records nothing: a server started without a metrics registry. */
  static final HttpRequestTimer NONE = new HttpRequestTimer(new CompositeMeterRegistry());

  private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

  private final MeterRegistry registry;

  HttpRequestTimer(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(Context ctx, float millis) {
    Timer.builder("http_server_requests").description("HTTP requests by method, route template and status")
        .tag("method", ctx.method().name()).tag("route", ApiServer.routeOf(ctx))
        .tag("status", Integer.toString(ctx.statusCode())).serviceLevelObjectives(BUCKETS).register(registry)
        .record(Duration.ofNanos((long) (millis * 1_000_000.0)));
  }
}
