package org.centurion.seatmanager.deposit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The start-up cross-check of {@code SEAT_MANAGER_GENESIS_FORK_VERSION} against a beacon node's
 * {@code GET /eth/v1/beacon/genesis}. A deposit signed for the wrong fork version is silently dropped by
 * the consensus layer, so a mismatch must stop the process before it verifies a single deposit; a beacon
 * node that cannot answer stops it too, since the check could not be made.
 */
public final class GenesisForkVersionCheck {
  private static final int MAX_BODY = 64 * 1024;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http;
  private final URI genesisUri;
  /** The endpoint as errors show it: no path or query, which may carry a provider key. */
  private final String display;
  private final Duration timeout;

  /** @param beaconBaseUri the beacon API root, e.g. {@code http://127.0.0.1:5052} */
  public GenesisForkVersionCheck(HttpClient http, URI beaconBaseUri, Duration timeout) {
    this.http = http;
    String base = beaconBaseUri.toString();
    this.genesisUri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/eth/v1/beacon/genesis");
    this.display = beaconBaseUri.getScheme() + "://" + beaconBaseUri.getHost()
        + (beaconBaseUri.getPort() < 0 ? "" : ":" + beaconBaseUri.getPort());
    this.timeout = timeout;
  }

  /** Thrown when the configured fork version cannot be confirmed; fatal at start. */
  public static final class MismatchException extends Exception {
    public MismatchException(String message) {
      super(message);
    }
  }

  /** The fork version the beacon node reports. */
  public ForkVersion fetch() throws MismatchException {
    HttpRequest request = HttpRequest.newBuilder(genesisUri).timeout(timeout).header("Accept", "application/json").GET().build();
    HttpResponse<InputStream> response;
    byte[] body;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
    } catch (IOException e) {
      throw new MismatchException("beacon genesis check: " + display + " did not answer (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MismatchException("beacon genesis check interrupted");
    }
    if (response.statusCode() != 200) {
      throw new MismatchException("beacon genesis check: " + display + " answered HTTP " + response.statusCode());
    }
    if (body.length > MAX_BODY) {
      throw new MismatchException("beacon genesis check: the response is larger than 64 KiB");
    }
    try {
      JsonNode version = JSON.readTree(body).path("data").path("genesis_fork_version");
      return ForkVersion.parse(version.isString() ? version.stringValue() : "");
    } catch (JacksonException | IllegalArgumentException e) {
      throw new MismatchException("beacon genesis check: the response has no valid data.genesis_fork_version");
    }
  }

  /** Passes only when the beacon node reports exactly {@code configured}. */
  public void requireMatch(ForkVersion configured) throws MismatchException {
    ForkVersion reported = fetch();
    if (!reported.equals(configured)) {
      throw new MismatchException(
          "SEAT_MANAGER_GENESIS_FORK_VERSION is " + configured + " but the beacon node at " + display
              + " reports " + reported + "; fix the setting or the endpoint before starting");
    }
  }
}
