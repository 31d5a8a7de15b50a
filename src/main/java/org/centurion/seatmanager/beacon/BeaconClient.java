package org.centurion.seatmanager.beacon;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.centurion.seatmanager.config.EndpointBackoff;
import org.centurion.seatmanager.config.NamedEndpoint;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A read-only client of one standard beacon-node API endpoint. Every request is bounded by the
 * timeout; errors name the endpoint by label only. A rate limit (HTTP 429) backs off every later
 * request to this endpoint ({@link EndpointBackoff}, the execution side's), and a {@code Retry-After}
 * on a 429 or 503 is honoured, bounded: a pause shorter than the timeout is waited out, a longer one
 * fails the request at once, unsent, so that no caller is parked and the endpoint is not hammered.
 */
public final class BeaconClient {
  /** Beacon nodes cap POST validator queries; stay well under common limits. */
  public static final int MAX_IDS_PER_QUERY = 64;
  /** No answer we ask for comes near this; a larger one is refused unread (a hostile or broken endpoint). */
  public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
  /** The pause after a first rate limit, doubled by each further one up to {@link #BACKOFF_MAX}. */
  static final Duration BACKOFF_INITIAL = Duration.ofMillis(250);
  static final Duration BACKOFF_MAX = Duration.ofSeconds(2);
  private static final BigInteger FAR_FUTURE = new BigInteger("18446744073709551615");

  private final NamedEndpoint endpoint;
  private final Duration timeout;
  private final HttpClient http;
  private final JsonMapper json = JsonMapper.builder().build();
  private final EndpointBackoff backoff;

  public BeaconClient(NamedEndpoint endpoint, Duration timeout) {
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.backoff = new EndpointBackoff(BACKOFF_INITIAL, BACKOFF_MAX, Clock.systemUTC());
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public String label() {
    return endpoint.label();
  }

  public NamedEndpoint endpoint() {
    return endpoint;
  }

  /** {@code genesis.genesis_fork_version} as the endpoint reports it (the caller parses it). */
  public String genesisForkVersion() {
    return text(get("/eth/v1/beacon/genesis").path("data").path("genesis_fork_version"), "genesis_fork_version");
  }

  /** The slot of the endpoint's head block header. */
  public long headSlot() {
    return parseLong(get("/eth/v1/beacon/headers/head").path("data").path("header").path("message").path("slot"), "head slot");
  }

  /** A {@code config/spec} value that must be a decimal number, e.g. {@code SLOTS_PER_EPOCH}. */
  public long specValue(String name) {
    return parseLong(get("/eth/v1/config/spec").path("data").path(name), "config/spec " + name);
  }

  /** What {@code node/syncing} says: a syncing or optimistic node's answers are not acted on. */
  public record SyncStatus(boolean syncing, boolean optimistic, boolean elOffline) {
    public boolean usable() {
      return !syncing && !optimistic && !elOffline;
    }
  }

  public SyncStatus syncing() {
    JsonNode d = get("/eth/v1/node/syncing").path("data");
    return new SyncStatus(d.path("is_syncing").asBoolean(true), d.path("is_optimistic").asBoolean(false),
        d.path("el_offline").asBoolean(false));
  }

  public FinalityCheckpoint finality() {
    JsonNode f = get("/eth/v1/beacon/states/head/finality_checkpoints").path("data").path("finalized");
    return new FinalityCheckpoint(parseLong(f.path("epoch"), "finalized epoch"), hex(f.path("root"), "finalized root"));
  }

  /**
   * The given validators at {@code stateId} (in batches), with the state's finalized header, so
   * that endpoints' answers can be compared as of the same point.
   */
  public ValidatorsAtState validators(String stateId, Collection<String> pubkeys) {
    if (!stateId.matches("finalized|head|justified|genesis|[0-9]{1,18}")) {
      throw new IllegalArgumentException("bad state id");
    }
    SyncStatus sync = syncing();
    JsonNode headerAnswer = get("/eth/v1/beacon/headers/" + stateId);
    JsonNode header = headerAnswer.path("data");
    long slot = parseLong(header.path("header").path("message").path("slot"), "header slot");
    String root = hex(header.path("root"), "header root");
    // the finalized epoch as the endpoint's head sees it: that is the checkpoint the state belongs to
    JsonNode finality = get("/eth/v1/beacon/states/head/finality_checkpoints");
    long finalizedEpoch = parseLong(finality.path("data").path("finalized").path("epoch"), "finalized epoch");
    boolean optimistic = !sync.usable() || optimistic(headerAnswer) || optimistic(finality);
    boolean finalized = !headerAnswer.path("finalized").isBoolean() || headerAnswer.path("finalized").asBoolean();
    Map<String, ValidatorStatus> found = new HashMap<>();
    List<String> ids = pubkeys.stream().map(p -> p.toLowerCase(Locale.ROOT)).distinct().toList();
    for (int i = 0; i < ids.size(); i += MAX_IDS_PER_QUERY) {
      List<String> batch = ids.subList(i, Math.min(ids.size(), i + MAX_IDS_PER_QUERY));
      String body = json.writeValueAsString(Map.of("ids", batch));
      JsonNode answer = post("/eth/v1/beacon/states/" + stateId + "/validators", body);
      optimistic |= optimistic(answer);
      if (answer.path("finalized").isBoolean() && !answer.path("finalized").asBoolean()) {
        finalized = false;
      }
      for (JsonNode v : answer.path("data")) {
        ValidatorStatus s = validator(v);
        found.put(s.pubkey(), s);
      }
    }
    return new ValidatorsAtState(stateId, finalizedEpoch, slot, root, found, optimistic, finalized);
  }

  /** {@code execution_optimistic: true}: the node has not verified the execution payload yet. */
  private static boolean optimistic(JsonNode answer) {
    return answer.path("execution_optimistic").asBoolean(false);
  }

  private ValidatorStatus validator(JsonNode v) {
    JsonNode val = v.path("validator");
    return new ValidatorStatus(parseLong(v.path("index"), "validator index"),
        hex(val.path("pubkey"), "pubkey"), hex(val.path("withdrawal_credentials"), "withdrawal credentials"),
        text(v.path("status"), "status"), val.path("slashed").asBoolean(false),
        parseLong(v.path("balance"), "balance"), epoch(val.path("activation_epoch")), epoch(val.path("exit_epoch")),
        epoch(val.path("withdrawable_epoch")));
  }

  private JsonNode get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).timeout(timeout).header("Accept", "application/json").GET().build(), path);
  }

  private JsonNode post(String path, String body) {
    return send(HttpRequest.newBuilder(uri(path)).timeout(timeout).header("Accept", "application/json")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), path);
  }

  private URI uri(String path) {
    String base = endpoint.url().toString();
    return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
  }

  private JsonNode send(HttpRequest request, String path) {
    HttpResponse<java.io.InputStream> r;
    byte[] bodyBytes;
    try {
      waitForBackoff(path);
      r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      bodyBytes = readBounded(r.body(), path);
    } catch (java.net.http.HttpTimeoutException e) {
      throw new BeaconException(label() + ": " + path + " timed out");
    } catch (IOException e) {
      throw new BeaconException(label() + ": " + path + " failed: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BeaconException(label() + ": " + path + " interrupted");
    }
    if (r.statusCode() == 429) {
      backoff.failed();
    }
    if (r.statusCode() == 429 || r.statusCode() == 503) {
      EndpointBackoff.parseRetryAfter(r.headers().firstValue("Retry-After").orElse(null), Instant.now())
          .ifPresent(backoff::retryAfter);
    }
    if (r.statusCode() != 200) {
      throw new BeaconException(label() + ": " + path + " answered HTTP " + r.statusCode());
    }
    backoff.succeeded();
    if (bodyBytes.length > MAX_BODY_BYTES) {
      throw new BeaconException(label() + ": " + path + " answered more than " + MAX_BODY_BYTES + " bytes");
    }
    try {
      return json.readTree(bodyBytes);
    } catch (JacksonException e) {
      throw new BeaconException(label() + ": " + path + " answered malformed JSON");
    }
  }

  /** The pause this endpoint asked for: waited out when within the timeout, otherwise the request is not sent. */
  private void waitForBackoff(String path) throws InterruptedException {
    Duration wait = backoff.waitNow();
    if (wait.compareTo(timeout) > 0) {
      throw new BeaconException(label() + ": " + path + " not sent: the endpoint asked for a pause of "
          + wait.toSeconds() + " s more (rate limited)");
    }
    if (!wait.isZero()) {
      Thread.sleep(wait);
    }
  }

  /**
   * The request's timeout bounds the wait for the headers only; the body is read within the same
   * bound, and at most {@link #MAX_BODY_BYTES} + 1 bytes of it.
   */
  private byte[] readBounded(java.io.InputStream body, String path) throws IOException {
    java.util.concurrent.Future<byte[]> read = BODY_READS.submit(() -> body.readNBytes(MAX_BODY_BYTES + 1));
    try {
      return read.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      read.cancel(true);
      body.close();
      throw new BeaconException(label() + ": " + path + " body not read within " + timeout);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BeaconException(label() + ": " + path + " interrupted");
    } finally {
      body.close();
    }
  }

  private static final java.util.concurrent.ExecutorService BODY_READS =
      java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

  private long parseLong(JsonNode n, String what) {
    String s = text(n, what);
    if (!s.matches("[0-9]{1,19}")) {
      throw new BeaconException(label() + ": " + what + " is not a decimal number");
    }
    BigInteger v = new BigInteger(s);
    if (v.bitLength() > 63) {
      throw new BeaconException(label() + ": " + what + " out of range");
    }
    return v.longValue();
  }

  private long epoch(JsonNode n) {
    String s = text(n, "epoch");
    if (!s.matches("[0-9]{1,20}")) {
      throw new BeaconException(label() + ": epoch is not a decimal number");
    }
    BigInteger v = new BigInteger(s);
    if (v.equals(FAR_FUTURE) || v.bitLength() > 63) {
      return ValidatorStatus.FAR_FUTURE;
    }
    return v.longValue();
  }

  private String hex(JsonNode n, String what) {
    String s = text(n, what).toLowerCase(Locale.ROOT);
    if (!s.matches("0x([0-9a-f]{2})+")) {
      throw new BeaconException(label() + ": " + what + " is not 0x-hex");
    }
    return s;
  }

  private String text(JsonNode n, String what) {
    if (n == null || !n.isString()) {
      throw new BeaconException(label() + ": " + what + " missing");
    }
    return n.asString();
  }

  /** Unused ids are simply absent from the answer; callers compare sizes themselves. */
  static List<String> missing(Collection<String> asked, Map<String, ValidatorStatus> found) {
    List<String> out = new ArrayList<>();
    for (String p : asked) {
      if (!found.containsKey(p.toLowerCase(Locale.ROOT))) {
        out.add(p);
      }
    }
    return out;
  }
}
