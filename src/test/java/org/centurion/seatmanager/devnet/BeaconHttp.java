package org.centurion.seatmanager.devnet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the simulator's beacon API, as a watcher would use it. */
final class BeaconHttp {
  static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  static final JsonMapper JSON = JsonMapper.builder().build();

  record Reply(int status, JsonNode body) {}

  static Reply get(String base, String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  static Reply post(String base, String path, String body) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), JSON.readTree(r.body()));
    } catch (Exception e) {
      throw new IllegalStateException("beacon request failed: " + request.uri(), e);
    }
  }

  /** The validator's status at head, or "absent" on 404. */
  static String status(String base, byte[] pubkey) {
    Reply r = get(base, "/eth/v1/beacon/states/head/validators/" + org.web3j.utils.Numeric.toHexString(pubkey));
    if (r.status() == 404) {
      return "absent";
    }
    return r.body().get("data").get("status").asString();
  }

  private BeaconHttp() {}
}
