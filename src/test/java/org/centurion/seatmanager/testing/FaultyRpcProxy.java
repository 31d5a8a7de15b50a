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
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC proxy on 127.0.0.1 in front of a real node (anvil) that behaves the way public
 * providers and load-balanced nodes do, on demand: a backend a few blocks behind answering
 * {@code null} for the newest blocks, HTTP 429 with {@code Retry-After}, JSON-RPC errors that are not
 * reverts ({@code header not found}, rate limits), an {@code eth_getLogs} block-range cap and a
 * result-count cap with the providers' wording, and receipts without {@code status}. It counts the
 * requests it saw per method, so a test can show what the client did about each fault.
 */
public final class FaultyRpcProxy implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI upstream;
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

  private volatile int nullBlocksNewest;
  private volatile int http429Left;
  private volatile String retryAfter;
  private volatile String errorMethod = "";
  private volatile int errorsLeft;
  private volatile int errorCode;
  private volatile String errorMessage = "";
  private volatile long logRangeCap;
  private volatile String logRangeMessage = "";
  private volatile int logResultCap;
  private volatile boolean stripReceiptStatus;
  private final Map<String, Lie> lies = new ConcurrentHashMap<>();

  /** What a lying endpoint answers instead of the node's result: (the request, the node's result) → its own. */
  @FunctionalInterface
  public interface Lie {
    JsonNode answer(JsonNode request, JsonNode result);
  }

  public FaultyRpcProxy(String upstreamUrl) throws IOException {
    this.upstream = URI.create(upstreamUrl);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every fault off; counts kept. */
  public void honest() {
    nullBlocksNewest = 0;
    http429Left = 0;
    errorsLeft = 0;
    logRangeCap = 0;
    logResultCap = 0;
    stripReceiptStatus = false;
    lies.clear();
  }

  /**
   * From now on every successful answer to {@code method} carries {@code lie}'s result instead of
   * the node's (a lying primary: a fake receipt, a hidden log, other code, another nonce). The answer
   * keeps its JSON-RPC shape; only {@code result} changes.
   */
  public void lie(String method, Lie lie) {
    lies.put(method, lie);
  }

  /** A backend {@code blocks} behind: eth_getBlockByNumber of the newest {@code blocks} blocks answers {@code null}. */
  public void lagBlocks(int blocks) {
    nullBlocksNewest = blocks;
  }

  /** The next {@code n} requests answer HTTP 429, with this {@code Retry-After} (null: none). */
  public void http429(int n, String retryAfterHeader) {
    retryAfter = retryAfterHeader;
    http429Left = n;
  }

  /** The next {@code n} calls of {@code method} answer this JSON-RPC error (HTTP 200). */
  public void jsonRpcError(String method, int n, int code, String message) {
    errorMethod = method;
    errorCode = code;
    errorMessage = message;
    errorsLeft = n;
  }

  /** eth_getLogs over more than {@code blocks} blocks answers {@code message} (code -32602). */
  public void capLogRange(long blocks, String message) {
    logRangeMessage = message;
    logRangeCap = blocks;
  }

  /** eth_getLogs returning more than {@code results} logs answers Infura's "query returned more than … results". */
  public void capLogResults(int results) {
    logResultCap = results;
  }

  public void stripReceiptStatus(boolean strip) {
    stripReceiptStatus = strip;
  }

  public int requests(String method) {
    return seen.getOrDefault(method, new AtomicInteger()).get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] request;
      try (InputStream in = exchange.getRequestBody()) {
        request = in.readAllBytes();
      }
      JsonNode req = JSON.readTree(request);
      String method = req.path("method").asString("");
      seen.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
      if (http429Left > 0) {
        http429Left--;
        if (retryAfter != null) {
          exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        send(exchange, 429, "{\"jsonrpc\":\"2.0\",\"id\":" + req.path("id") + ",\"error\":{\"code\":429,"
            + "\"message\":\"Too Many Requests\"}}");
        return;
      }
      if (errorsLeft > 0 && method.equals(errorMethod)) {
        errorsLeft--;
        send(exchange, 200, error(req, errorCode, errorMessage));
        return;
      }
      if (method.equals("eth_getLogs") && logRangeCap > 0) {
        JsonNode f = req.path("params").path(0);
        long blocks = Long.decode(f.path("toBlock").asString()) - Long.decode(f.path("fromBlock").asString()) + 1;
        if (blocks > logRangeCap) {
          send(exchange, 200, error(req, -32602, logRangeMessage));
          return;
        }
      }
      String reply = forward(request);
      send(exchange, 200, rewrite(req, method, reply));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String rewrite(JsonNode req, String method, String reply) {
    ObjectNode r = (ObjectNode) JSON.readTree(reply);
    if (method.equals("eth_getLogs") && logResultCap > 0 && r.path("result").size() > logResultCap) {
      return error(req, -32005, "query returned more than " + logResultCap + " results");
    }
    if (method.equals("eth_getBlockByNumber") && nullBlocksNewest > 0 && r.path("result").isObject()) {
      long asked = Long.decode(r.path("result").path("number").asString());
      long head = head();
      if (asked > head - nullBlocksNewest) {
        r.putNull("result");
      }
    }
    Lie lie = lies.get(method);
    if (lie != null && r.has("result")) {
      r.set("result", lie.answer(req, r.path("result")));
    }
    if (method.equals("eth_getTransactionReceipt") && stripReceiptStatus && r.path("result").isObject()) {
      ((ObjectNode) r.path("result")).remove("status");
    }
    return JSON.writeValueAsString(r);
  }

  private long head() {
    try {
      String body = forward("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\",\"params\":[]}"
          .getBytes(StandardCharsets.UTF_8));
      return Long.decode(JSON.readTree(body).path("result").asString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String forward(byte[] request) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(upstream).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String error(JsonNode req, int code, String message) {
    ObjectNode r = JSON.createObjectNode();
    r.put("jsonrpc", "2.0");
    r.set("id", req.path("id"));
    ObjectNode e = r.putObject("error");
    e.put("code", code);
    e.put("message", message);
    return JSON.writeValueAsString(r);
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] out = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, out.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(out);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
