package org.centurion.seatmanager.seats;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.config.NamedEndpoint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few beacon-API reads seat commands need before acting. They fail closed: an endpoint that
 * cannot answer makes the command refuse, never proceed on a guess.
 */
public final class BeaconReads {
  /** A validator as the consensus layer reports it. */
  public record Validator(String endpoint, String status, long activationEpoch, long balanceGwei) {}

  /** Thrown when a beacon endpoint cannot give a usable answer. */
  public static final class BeaconUnavailableException extends RuntimeException {
    public BeaconUnavailableException(String message) {
      super(message, null, false, false);
    }
  }

  private final List<NamedEndpoint> endpoints;
  private final HttpClient http;
  private final Duration timeout;
  private final JsonMapper json = JsonMapper.builder().build();

  public BeaconReads(List<NamedEndpoint> endpoints, Duration timeout) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one beacon endpoint");
    }
    this.endpoints = List.copyOf(endpoints);
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** The validator on every endpoint that knows it (head state); empty when none does. */
  public List<Validator> validatorEverywhere(String pubkey) {
    return endpoints.stream().flatMap(e -> validator(e, pubkey).stream()).toList();
  }

  /** The validator according to the first endpoint; empty when it is unknown there. */
  public Optional<Validator> validator(String pubkey) {
    return validator(endpoints.get(0), pubkey);
  }

  public long currentEpoch() {
    NamedEndpoint e = endpoints.get(0);
    JsonNode head = get(e, "/eth/v1/beacon/headers/head").orElseThrow(
        () -> new BeaconUnavailableException(e.label() + ": no head header"));
    long slot = Long.parseLong(head.path("data").path("header").path("message").path("slot").asString());
    return slot / specValue(e, "SLOTS_PER_EPOCH");
  }

  public long shardCommitteePeriod() {
    return specValue(endpoints.get(0), "SHARD_COMMITTEE_PERIOD");
  }

  private long specValue(NamedEndpoint e, String name) {
    JsonNode spec = get(e, "/eth/v1/config/spec").orElseThrow(
        () -> new BeaconUnavailableException(e.label() + ": no config/spec"));
    String v = spec.path("data").path(name).asString("");
    if (!v.matches("\\d{1,19}")) {
      throw new BeaconUnavailableException(e.label() + ": config/spec has no usable " + name);
    }
    return Long.parseLong(v);
  }

  private Optional<Validator> validator(NamedEndpoint e, String pubkey) {
    return get(e, "/eth/v1/beacon/states/head/validators/" + pubkey).map(body -> {
      JsonNode data = body.path("data");
      return new Validator(e.label(), data.path("status").asString(),
          Long.parseUnsignedLong(data.path("validator").path("activation_epoch").asString("0")),
          Long.parseLong(data.path("balance").asString("0")));
    });
  }

  /** The body of a 200, empty for a 404; anything else is unavailable. */
  private Optional<JsonNode> get(NamedEndpoint e, String path) {
    String base = e.url().toString();
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
        .header("Accept", "application/json").GET().build();
    try {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 404) {
        return Optional.empty();
      }
      if (r.statusCode() != 200) {
        throw new BeaconUnavailableException(e.label() + ": HTTP " + r.statusCode());
      }
      return Optional.of(json.readTree(r.body()));
    } catch (IOException ex) {
      throw new BeaconUnavailableException(e.label() + ": unreachable (" + ex.getClass().getSimpleName() + ")");
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new BeaconUnavailableException(e.label() + ": interrupted");
    } catch (RuntimeException ex) {
      if (ex instanceof BeaconUnavailableException b) {
        throw b;
      }
      throw new BeaconUnavailableException(e.label() + ": unusable answer (" + ex.getClass().getSimpleName() + ")");
    }
  }
}
