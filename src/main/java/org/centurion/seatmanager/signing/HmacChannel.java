package org.centurion.seatmanager.signing;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The framed, HMAC-authenticated request/response channel the isolated signer and the key process
 * share: one length-prefixed JSON frame each way per connection ({@link SignerProtocol#readFrame}),
 *
 * <pre>
 * request  {"timestamp": ms, "nonce": hex16, "body": "&lt;json&gt;", "mac": hex}
 *          mac = HMAC-SHA256(secret, domain + " request\n" + timestamp + "\n" + nonce + "\n" + body)
 * response {"body": "&lt;json&gt;", "mac": hex}
 *          mac = HMAC-SHA256(secret, domain + " response\n" + nonce + "\n" + body)
 * </pre>
 *
 * The {@link Domain} separates the two services: a request MAC'd for the signer never verifies at the
 * key process, nor the other way round, even if an operator reused a secret. Without a shared secret
 * (Unix socket only) the mac fields are empty and the socket's file mode is the gate. What a body
 * means, and which codes a refusal answers, is each service's own: the channel reports its failures
 * as a {@link Failure} for the service to name in its own codes.
 */
public final class HmacChannel {
  /** The MAC domain of one service's protocol. */
  public record Domain(String name) {
    public static final Domain SIGNER = new Domain("seat-manager-signer/v1");
    public static final Domain KEYS = new Domain("seat-manager-keys/v1");

    public String requestMacInput(long timestamp, String nonce, String body) {
      return name + " request\n" + timestamp + "\n" + nonce + "\n" + body;
    }

    public String responseMacInput(String nonce, String body) {
      return name + " response\n" + nonce + "\n" + body;
    }
  }

  /** What went wrong on the channel, for the service to answer in its own codes. */
  public enum Failure {
    /** Server side: the envelope is not {timestamp, nonce, body, mac} as specified. */
    BAD_REQUEST,
    /** Server side: the request MAC is not hex or does not verify. */
    UNAUTHENTICATED,
    /** Server side: stale, future or repeated request. */
    REPLAYED,
    /** Client side: no connection, no answer in time, or the connection broke. */
    UNAVAILABLE,
    /** Client side: the response is not {body, mac}, or its MAC does not verify. */
    RESPONSE_INVALID
  }

  /** A channel failure; {@link #nonce()} is the request's nonce once it was read ("" before). */
  public static final class ChannelException extends RuntimeException {
    private final Failure failure;
    private final String nonce;

    ChannelException(Failure failure, String message, String nonce, Throwable cause) {
      super(message, cause);
      this.failure = failure;
      this.nonce = nonce;
    }

    public Failure failure() {
      return failure;
    }

    public String nonce() {
      return nonce;
    }
  }

  /** An authenticated request: its nonce (to answer under) and its body. */
  public record Request(String nonce, String body) {}

  private final Domain domain;
  private final Optional<SharedSecret> secret;
  private final String peer;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param peer how messages name the other side ("the signer", "the key process")
   */
  public HmacChannel(Domain domain, Optional<SharedSecret> secret, String peer) {
    this.domain = Objects.requireNonNull(domain, "domain");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.peer = Objects.requireNonNull(peer, "peer");
  }

  public boolean authenticated() {
    return secret.isPresent();
  }

  // --- server side ---

  /**
   * Reads a request envelope and authenticates it: MAC first (unauthenticated traffic must not fill
   * the replay cache), then {@code replay}, when given.
   *
   * @param replay the freshness and nonce check; empty to skip it (the signer's Unix socket without a secret)
   * @throws ChannelException BAD_REQUEST, UNAUTHENTICATED or REPLAYED
   */
  public Request open(String frame, Optional<ReplayGuard> replay) {
    JsonNode envelope = parse(frame, Failure.BAD_REQUEST, "");
    String nonce = text(envelope, "nonce", Failure.BAD_REQUEST, "");
    if (!nonce.matches("[0-9a-f]{32}")) {
      throw new ChannelException(Failure.BAD_REQUEST, "nonce must be 32 lowercase hex digits", "", null);
    }
    String body = text(envelope, "body", Failure.BAD_REQUEST, nonce);
    JsonNode ts = envelope.get("timestamp");
    if (ts == null || !ts.isIntegralNumber() || !ts.canConvertToLong()) {
      throw new ChannelException(Failure.BAD_REQUEST, "timestamp must be an integer of epoch milliseconds", nonce, null);
    }
    String mac = text(envelope, "mac", Failure.BAD_REQUEST, nonce);
    if (secret.isPresent()) {
      byte[] candidate;
      try {
        candidate = HexFormat.of().parseHex(mac);
      } catch (IllegalArgumentException e) {
        throw new ChannelException(Failure.UNAUTHENTICATED, "mac is not hex", nonce, null);
      }
      if (!secret.get().verify(domain.requestMacInput(ts.longValue(), nonce, body), candidate)) {
        throw new ChannelException(Failure.UNAUTHENTICATED, "request MAC does not verify", nonce, null);
      }
    }
    if (replay.isPresent()) {
      try {
        replay.get().accept(ts.longValue(), nonce);
      } catch (SigningException e) {
        throw new ChannelException(Failure.REPLAYED, e.getMessage(), nonce, null);
      }
    }
    return new Request(nonce, body);
  }

  /** The response envelope of {@code body}; MAC'd under the request's nonce when there is a secret and a nonce. */
  public String reply(String nonce, String body) {
    ObjectNode response = SignerProtocol.JSON.createObjectNode();
    response.put("body", body);
    // A response to an unparseable request carries no MAC: the client cannot match it to anything.
    response.put("mac", secret.isPresent() && !nonce.isEmpty()
        ? HexFormat.of().formatHex(secret.get().mac(domain.responseMacInput(nonce, body))) : "");
    return SignerProtocol.JSON.writeValueAsString(response);
  }

  // --- client side ---

  /**
   * Sends {@code body} in one connection and returns the response's body once its MAC verifies;
   * bounded by {@code timeout} even on a silent peer.
   *
   * @throws ChannelException UNAVAILABLE or RESPONSE_INVALID
   */
  public String call(SignerEndpoint endpoint, Duration timeout, Clock clock, String body) {
    byte[] nonceBytes = new byte[16];
    random.nextBytes(nonceBytes);
    String nonce = HexFormat.of().formatHex(nonceBytes);
    long timestamp = clock.millis();
    ObjectNode envelope = SignerProtocol.JSON.createObjectNode();
    envelope.put("timestamp", timestamp);
    envelope.put("nonce", nonce);
    envelope.put("body", body);
    envelope.put("mac", secret.map(s -> HexFormat.of().formatHex(
        s.mac(domain.requestMacInput(timestamp, nonce, body)))).orElse(""));
    String responseFrame = exchange(endpoint, timeout, SignerProtocol.JSON.writeValueAsString(envelope));

    JsonNode response = parse(responseFrame, Failure.RESPONSE_INVALID, nonce);
    String responseBody;
    try {
      responseBody = SignerProtocol.text(response, "body");
    } catch (SigningException e) {
      throw invalidResponse(peer + "'s response is malformed", nonce);
    }
    if (secret.isPresent()) {
      boolean ok;
      try {
        ok = secret.get().verify(domain.responseMacInput(nonce, responseBody),
            HexFormat.of().parseHex(response.path("mac").asString("")));
      } catch (IllegalArgumentException e) {
        ok = false;
      }
      if (!ok) {
        throw invalidResponse(peer + "'s response MAC does not verify", nonce);
      }
    }
    return responseBody;
  }

  private String exchange(SignerEndpoint endpoint, Duration timeout, String frame) {
    SocketChannel ch;
    try {
      ch = endpoint.connect();
    } catch (IOException e) {
      throw unavailable("cannot reach " + peer + " at " + endpoint + ": " + e.getMessage(), e);
    }
    FutureTask<String> io = new FutureTask<>(() -> {
      SignerProtocol.writeFrame(ch, frame);
      return SignerProtocol.readFrame(ch);
    });
    Thread.ofVirtual().name("hmac-channel-io").start(io);
    try (ch) {
      return io.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      io.cancel(true);
      throw unavailable(peer + " did not answer within " + timeout, null);
    } catch (ExecutionException e) {
      throw unavailable("exchange with " + peer + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while waiting for " + peer, null);
    } catch (IOException closeFailed) {
      throw unavailable("connection to " + peer + " failed", closeFailed);
    }
  }

  private static ChannelException unavailable(String message, Throwable cause) {
    return new ChannelException(Failure.UNAVAILABLE, message, "", cause);
  }

  private ChannelException invalidResponse(String message, String nonce) {
    return new ChannelException(Failure.RESPONSE_INVALID, message, nonce, null);
  }

  private JsonNode parse(String json, Failure failure, String nonce) {
    try {
      return SignerProtocol.parse(json);
    } catch (SigningException e) {
      throw new ChannelException(failure, failure == Failure.RESPONSE_INVALID ? peer + "'s response is malformed"
          : e.getMessage(), nonce, null);
    }
  }

  private static String text(JsonNode node, String field, Failure failure, String nonce) {
    try {
      return SignerProtocol.text(node, field);
    } catch (SigningException e) {
      throw new ChannelException(failure, e.getMessage(), nonce, null);
    }
  }
}
