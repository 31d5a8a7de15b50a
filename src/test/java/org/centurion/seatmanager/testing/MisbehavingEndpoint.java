package org.centurion.seatmanager.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC endpoint on 127.0.0.1 that forwards to a real node and misbehaves on demand: reports
 * another chain id, lags behind the head, names another sender for every transaction, or never answers.
 */
public final class MisbehavingEndpoint implements AutoCloseable {
  public enum Mode { HONEST, WRONG_CHAIN, LAGGING, WRONG_SENDER, SILENT }

  /** The sender WRONG_SENDER reports: an address no test key controls. */
  public static final String OTHER_SENDER = "0x000000000000000000000000000000000000dead";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI upstream;
  private volatile Mode mode = Mode.HONEST;

  public MisbehavingEndpoint(String upstreamUrl) throws IOException {
    this.upstream = URI.create(upstreamUrl);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> {
      try (exchange) {
        byte[] request;
        try (InputStream in = exchange.getRequestBody()) {
          request = in.readAllBytes();
        }
        Mode now = mode;
        if (now == Mode.SILENT) {
          Thread.sleep(30_000);
          return;
        }
        HttpResponse<String> upstreamReply = http.send(HttpRequest.newBuilder(upstream)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofString());
        String body = rewrite(now, JSON.readTree(request), upstreamReply.body());
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(out);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
  }

  private static String rewrite(Mode mode, JsonNode request, String reply) {
    String method = request.path("method").asString("");
    if (mode == Mode.WRONG_CHAIN && method.equals("eth_chainId")) {
      ObjectNode r = (ObjectNode) JSON.readTree(reply);
      r.put("result", "0x1");
      return JSON.writeValueAsString(r);
    }
    if (mode == Mode.LAGGING && method.equals("eth_blockNumber")) {
      ObjectNode r = (ObjectNode) JSON.readTree(reply);
      long head = Long.decode(r.path("result").asString());
      r.put("result", "0x" + Long.toHexString(Math.max(0, head - 10)));
      return JSON.writeValueAsString(r);
    }
    if (mode == Mode.WRONG_SENDER && method.equals("eth_getTransactionByHash")) {
      ObjectNode r = (ObjectNode) JSON.readTree(reply);
      if (r.path("result").isObject()) {
        ((ObjectNode) r.path("result")).put("from", OTHER_SENDER);
      }
      return JSON.writeValueAsString(r);
    }
    return reply;
  }

  public void behave(Mode m) {
    this.mode = m;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
