package org.centurion.seatmanager.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.centurion.seatmanager.alerts.PeriodicTask;

/**
 * Serves {@code GET /metrics} in the Prometheus text format on its own port (loopback by default),
 * refreshing the values in the background. Nothing else is served there.
 */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final PeriodicTask refresher;

  private MetricsServer(HttpServer server, ExecutorService executor, PeriodicTask refresher) {
    this.server = server;
    this.executor = executor;
    this.refresher = refresher;
  }

  public static MetricsServer start(MetricsSettings settings, SeatManagerMetrics metrics) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the metrics port " + settings.host() + ":" + settings.port(), e);
    }
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", exchange -> respond(exchange, metrics));
    server.start();
    PeriodicTask refresher = PeriodicTask.start("metrics-refresh", settings.refresh(), metrics::refresh);
    return new MetricsServer(server, executor, refresher);
  }

  private static void respond(HttpExchange exchange, SeatManagerMetrics metrics) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals("/metrics")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = metrics.registry().scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String host() {
    return server.getAddress().getAddress().getHostAddress();
  }

  @Override
  public void close() {
    refresher.close();
    server.stop(0);
    executor.close();
  }
}
