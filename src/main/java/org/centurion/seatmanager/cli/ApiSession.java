package org.centurion.seatmanager.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signed-in session of the API for one CLI command: login, a step-up bound to each write's exact
 * route, the request, logout. Every refusal of the API is reported with its stable code; the CLI
 * decides nothing itself.
 */
final class ApiSession implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String STEP_UP_HEADER = "X-Step-Up-Token";

  /** The API answered with an error: its HTTP status, code and message. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;

    Refused(int status, String code, String message) {
      super(code + ": " + message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;
  private final String password;
  private final Optional<String> totp;
  private final String token;

  private ApiSession(URI base, String password, Optional<String> totp, String token) {
    this.base = base;
    this.password = password;
    this.totp = totp;
    this.token = token;
  }

  /** Signs in with the password read from standard input. */
  static ApiSession open(ApiOptions o) throws IOException, Refused {
    URI base = URI.create(o.apiUrl.toString().replaceAll("/+$", "") + "/");
    requireProtectedTransport(base);
    String password = readPassword();
    Map<String, Object> login = new LinkedHashMap<>();
    login.put("username", o.username);
    login.put("password", password);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    JsonNode answer = exchange(client, HttpRequest.newBuilder(base.resolve("v1/auth/login"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(login))));
    return new ApiSession(base, password, Optional.ofNullable(o.totp), answer.path("token").asString());
  }

  /**
   * The password and the session token travel in every request: over plain {@code http://} only to this
   * host itself, where nobody on the network can read them; anywhere else {@code https://}.
   */
  static void requireProtectedTransport(URI base) {
    String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (scheme.equals("https")) {
      return;
    }
    String host = base.getHost() == null ? "" : base.getHost();
    boolean loopback = host.equals("localhost") || host.equals("[::1]") || host.equals("::1") || host.startsWith("127.");
    if (!scheme.equals("http") || !loopback) {
      throw new IllegalArgumentException("--api-url " + base + ": the password would cross the network unprotected;"
          + " use https://, or http:// to this host only (127.0.0.1, ::1, localhost)");
    }
  }

  private static String readPassword() throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = in.readLine();
    if (line == null || line.isEmpty()) {
      throw new IOException("the password is read from standard input: none given");
    }
    return line;
  }

  JsonNode get(String pathAndQuery) throws IOException, Refused {
    return exchange(http, authorized(pathAndQuery).GET());
  }

  /** A write without step-up. */
  JsonNode post(String path, Object body) throws IOException, Refused {
    return exchange(http, authorized(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  /** A write without step-up, under a fresh idempotency key (a retried request cannot act twice). */
  JsonNode write(String path, Object body) throws IOException, Refused {
    return exchange(http, authorized(path).header("Content-Type", "application/json")
        .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  /** A write with a step-up token bound to exactly this request. */
  JsonNode postWithStepUp(String path, Object body) throws IOException, Refused {
    Map<String, Object> stepUp = new LinkedHashMap<>();
    stepUp.put("password", password);
    totp.ifPresent(t -> stepUp.put("totp", t));
    stepUp.put("route", "POST " + path);
    String stepUpToken = post("/v1/auth/step-up", stepUp).path("stepUpToken").asString();
    return exchange(http, authorized(path).header("Content-Type", "application/json").header(STEP_UP_HEADER, stepUpToken)
        .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  private HttpRequest.Builder authorized(String path) {
    return HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token);
  }

  private static JsonNode exchange(HttpClient client, HttpRequest.Builder request) throws IOException, Refused {
    HttpResponse<String> r;
    try {
      r = client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    JsonNode body = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    if (r.statusCode() >= 400) {
      JsonNode error = body.path("error");
      throw new Refused(r.statusCode(), error.path("code").asString("HTTP_" + r.statusCode()),
          error.path("message").asString(""));
    }
    return body;
  }

  static String pretty(JsonNode node) {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }

  @Override
  public void close() {
    try {
      exchange(http, authorized("/v1/auth/logout").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.noBody()));
    } catch (IOException | Refused e) {
      // the session expires by itself; signing out is a courtesy
    }
  }

  /** Runs one API command body: an API refusal is one line with its code, exit 1; no API is exit 2. */
  static int run(String name, ApiOptions options, Body body) {
    try (ApiSession s = open(options)) {
      return body.run(s);
    } catch (Refused e) {
      System.err.println("seat-manager " + name + ": " + e.getMessage());
      return 1;
    } catch (IOException e) {
      System.err.println("seat-manager " + name + ": cannot reach the API: " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      System.err.println("seat-manager " + name + ": " + e.getMessage());
      return 2;
    }
  }

  interface Body {
    int run(ApiSession s) throws IOException, Refused;
  }
}
