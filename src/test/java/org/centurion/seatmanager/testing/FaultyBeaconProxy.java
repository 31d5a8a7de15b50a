package org.centurion.seatmanager.testing;

import com.sun.net.httpserver.HttpExchange;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A beacon-API endpoint on 127.0.0.1 in front of a real one (the devnet's simulator) that answers
 * in the specification's shapes but tells what a test wants: a node that is syncing and answers
 * {@code execution_optimistic}, a finalized checkpoint of another epoch or root, and per-validator
 * fields (status, slashed, withdrawal credentials, activation epoch) of its own.
 */
public final class FaultyBeaconProxy implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String upstream;
  private final Map<String, Map<String, Object>> validatorFields = new ConcurrentHashMap<>();
  private volatile boolean syncing;
  private volatile Long finalizedEpoch;
  private volatile String finalizedRoot;

  public FaultyBeaconProxy(String upstreamUrl) throws IOException {
    this.upstream = upstreamUrl.endsWith("/") ? upstreamUrl.substring(0, upstreamUrl.length() - 1) : upstreamUrl;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void honest() {
    validatorFields.clear();
    syncing = false;
    finalizedEpoch = null;
    finalizedRoot = null;
  }

  /** {@code node/syncing} says syncing and optimistic; every answer carries {@code execution_optimistic: true}. */
  public void syncing(boolean on) {
    syncing = on;
  }

  /** The finalized checkpoint's epoch as this endpoint reports it (finality_checkpoints). */
  public void finalizedEpoch(long epoch) {
    finalizedEpoch = epoch;
  }

  /** The root of the finalized block header as this endpoint reports it (headers/finalized). */
  public void finalizedRoot(String root) {
    finalizedRoot = root;
  }

  /**
   * Fields of one validator as this endpoint reports them: {@code status}, and under {@code
   * validator}: {@code slashed}, {@code withdrawal_credentials}, {@code activation_epoch}.
   */
  public void validator(String pubkey, Map<String, Object> fields) {
    validatorFields.put(pubkey.toLowerCase(Locale.ROOT), Map.copyOf(fields));
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      String path = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? ""
          : "?" + ex.getRequestURI().getRawQuery());
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + path)).header("Accept", "application/json");
      HttpRequest req = ex.getRequestMethod().equals("POST")
          ? b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()
          : b.GET().build();
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      String out = r.statusCode() == 200 ? rewrite(ex.getRequestURI().getPath(), r.body()) : r.body();
      byte[] bytes = out.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(r.statusCode(), bytes.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String rewrite(String path, String body) {
    JsonNode tree = JSON.readTree(body);
    if (!(tree instanceof ObjectNode root)) {
      return body;
    }
    if (path.endsWith("/node/syncing") && syncing) {
      ObjectNode d = (ObjectNode) root.path("data");
      d.put("is_syncing", true);
      d.put("is_optimistic", true);
      d.put("sync_distance", "4096");
    }
    if (syncing && root.has("execution_optimistic")) {
      root.put("execution_optimistic", true);
    }
    if (path.endsWith("/finality_checkpoints") && finalizedEpoch != null) {
      ((ObjectNode) root.path("data").path("finalized")).put("epoch", Long.toString(finalizedEpoch));
    }
    if (path.endsWith("/headers/finalized") && finalizedRoot != null) {
      ((ObjectNode) root.path("data")).put("root", finalizedRoot);
    }
    if (path.contains("/validators") && !validatorFields.isEmpty()) {
      JsonNode data = root.path("data");
      if (data.isArray()) {
        data.forEach(this::override);
      } else if (data.isObject()) {
        override(data);
      }
    }
    return JSON.writeValueAsString(root);
  }

  private void override(JsonNode entry) {
    String pubkey = entry.path("validator").path("pubkey").asString("").toLowerCase(Locale.ROOT);
    Map<String, Object> fields = validatorFields.get(pubkey);
    if (fields == null) {
      return;
    }
    ObjectNode e = (ObjectNode) entry;
    ObjectNode v = (ObjectNode) entry.path("validator");
    fields.forEach((k, value) -> {
      if (k.equals("status")) {
        e.put("status", value.toString());
      } else if (value instanceof Boolean bool) {
        v.put(k, bool);
      } else {
        v.put(k, value.toString());
      }
    });
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
