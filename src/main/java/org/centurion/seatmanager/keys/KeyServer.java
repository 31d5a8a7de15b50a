package org.centurion.seatmanager.keys;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.centurion.seatmanager.signing.FrameServer;
import org.centurion.seatmanager.signing.HmacChannel;
import org.centurion.seatmanager.signing.ReplayGuard;
import org.centurion.seatmanager.signing.SigningException;
import org.centurion.seatmanager.signing.SharedSecret;
import org.centurion.seatmanager.signing.SignerEndpoint;
import org.centurion.seatmanager.signing.SignerProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code keys serve}'s server: the {@link ManagedKeyIssuer}'s two operations over the signer's
 * transport (Unix socket mode 600/660, or loopback TCP with an HMAC shared secret; replay guard on
 * every request). Every refusal answers a stable {@link KeyProcessErrorCode}, is logged and is
 * appended to the ledger. Requests are handled one at a time: generation is rare and serial.
 */
public final class KeyServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KeyServer.class);
  static final Duration FRESHNESS_WINDOW = Duration.ofSeconds(30);
  /** A connection that has not sent its request within this is closed (issuing itself runs after the read). */
  private static final Duration READ_DEADLINE = Duration.ofSeconds(10);
  private static final int MAX_CONNECTIONS = 16;

  private final ManagedKeyIssuer issuer;
  private final KeyLedger ledger;
  private final Optional<SharedSecret> secret;
  private final HmacChannel channel;
  private final ReplayGuard replayGuard;
  private final Semaphore oneAtATime = new Semaphore(1);
  private final FrameServer frames = new FrameServer(
      new FrameServer.Limits("keys", 16, MAX_CONNECTIONS, READ_DEADLINE, FrameServer.Deadline.REQUEST_READ),
      this::handleOneAtATime);
  private SignerEndpoint bound;

  KeyServer(ManagedKeyIssuer issuer, KeyLedger ledger, Optional<SharedSecret> secret, Clock clock) {
    this.issuer = issuer;
    this.ledger = ledger;
    this.secret = secret;
    this.channel = new HmacChannel(HmacChannel.Domain.KEYS, secret, "the key process");
    this.replayGuard = new ReplayGuard(clock, FRESHNESS_WINDOW, 10_000);
  }

  public synchronized SignerEndpoint start(SignerEndpoint endpoint) throws IOException {
    if (endpoint instanceof SignerEndpoint.LoopbackTcp && secret.isEmpty()) {
      throw new IllegalArgumentException("a TCP key process needs a shared secret (" + KeyProcessSettings.SECRET + ")");
    }
    bound = frames.start(endpoint);
    log.info("key process listening endpoint={} authenticated={} nextIndex={}", bound, secret.isPresent(),
        ledger.nextIndex());
    return bound;
  }

  /** Generation is rare and serial: one request is handled at a time, after its frame was read. */
  private String handleOneAtATime(String frame) {
    oneAtATime.acquireUninterruptibly();
    try {
      return handle(frame);
    } finally {
      oneAtATime.release();
    }
  }

  /** One request frame in, one response frame out; every refusal is logged and recorded. */
  String handle(String frame) {
    String nonce = "";
    String op = "?";
    ObjectNode result;
    try {
      // on the Unix socket too: a captured request is never accepted twice
      HmacChannel.Request request = channel.open(frame, Optional.of(replayGuard));
      nonce = request.nonce();
      JsonNode body = parse(request.body());
      op = text(body, "op");
      result = execute(op, body);
    } catch (HmacChannel.ChannelException e) {
      nonce = e.nonce();
      result = refused(channelCode(e.failure()), op, e.getMessage());
    } catch (KeyProcessException e) {
      result = refused(e.code(), op, e.getMessage());
    } catch (RuntimeException e) {
      log.error("key process failed on a request op={}: {}", op, e.getClass().getSimpleName());
      ledger.refused(KeyProcessErrorCode.KEYS_UNAVAILABLE, op, e.getClass().getSimpleName());
      result = refusal(KeyProcessErrorCode.KEYS_UNAVAILABLE, "internal key process error");
    }
    return channel.reply(nonce, KeyProtocol.JSON.writeValueAsString(result));
  }

  private static KeyProcessErrorCode channelCode(HmacChannel.Failure failure) {
    return switch (failure) {
      case BAD_REQUEST -> KeyProcessErrorCode.BAD_REQUEST;
      case UNAUTHENTICATED -> KeyProcessErrorCode.UNAUTHENTICATED;
      case REPLAYED -> KeyProcessErrorCode.REPLAYED_REQUEST;
      case UNAVAILABLE, RESPONSE_INVALID -> KeyProcessErrorCode.KEY_PROCESS_UNAVAILABLE;
    };
  }

  /** A refusal, logged and appended to the ledger. */
  private ObjectNode refused(KeyProcessErrorCode code, String op, String message) {
    log.warn("key process refused request code={} op={} reason={}", code, op, message);
    ledger.refused(code, op, message);
    return refusal(code, message);
  }

  private ObjectNode execute(String op, JsonNode request) {
    ObjectNode out = KeyProtocol.JSON.createObjectNode();
    switch (op) {
      case "reserve" -> {
        ManagedKeyIssuer.Reservation r = issuer.reserve();
        log.info("key process reserved index={} pubkey={}", r.index(), r.pubkey());
        out.put("ok", true);
        out.put("index", r.index());
        out.put("pubkey", r.pubkey());
      }
      case "issue" -> {
        JsonNode index = request.get("index");
        if (index == null || !index.isIntegralNumber() || !index.canConvertToLong() || index.longValue() < 0) {
          throw bad("index must be a non-negative integer");
        }
        String vault = text(request, "vault");
        if (!vault.matches("0x[0-9a-f]{40}")) {
          throw bad("vault must be a lowercase 0x-prefixed 20-byte address");
        }
        ManagedKeyIssuer.Issued k = issuer.issue(index.longValue(), vault);
        log.info("key process issued index={} pubkey={} vault={} path={}", k.index(), k.pubkey(), vault, k.path());
        out.put("ok", true);
        out.put("index", k.index());
        out.put("path", k.path());
        out.put("pubkey", k.pubkey());
        out.put("depositData", k.depositDataJson());
        out.put("keystore", k.keystore());
        out.put("sealedPassword", k.sealedPassword());
      }
      default -> throw new KeyProcessException(KeyProcessErrorCode.OPERATION_NOT_OFFERED,
          "the key process offers reserve and issue only; no operation returns a secret or a stored keystore");
    }
    return out;
  }

  private static ObjectNode refusal(KeyProcessErrorCode code, String message) {
    ObjectNode n = KeyProtocol.JSON.createObjectNode();
    n.put("ok", false);
    n.put("code", code.name());
    n.put("message", message);
    return n;
  }

  private static JsonNode parse(String json) {
    try {
      return SignerProtocol.parse(json);
    } catch (SigningException e) {
      throw bad(e.getMessage());
    }
  }

  private static String text(JsonNode node, String field) {
    try {
      return SignerProtocol.text(node, field);
    } catch (SigningException e) {
      throw bad(field + " must be a string");
    }
  }

  private static KeyProcessException bad(String message) {
    return new KeyProcessException(KeyProcessErrorCode.BAD_REQUEST, message);
  }

  @Override
  public synchronized void close() throws IOException {
    if (frames.stop()) {
      log.info("key process stopped endpoint={}", bound);
    }
  }
}
