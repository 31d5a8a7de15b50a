package org.centurion.seatmanager.keys;

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
import org.centurion.seatmanager.signing.SharedSecret;
import org.centurion.seatmanager.signing.SignerEndpoint;
import org.centurion.seatmanager.signing.SignerProtocol;
import org.centurion.seatmanager.signing.SigningException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * api's side of the key process: asks for a new key's pubkey, then for that key's deposit data and
 * keystore. Holds no secret but the transport's shared secret (TCP only); connects per request, so
 * an api without managed-key requests never connects at all.
 */
public final class KeyProcessClient {
  private final SignerEndpoint endpoint;
  private final Optional<SharedSecret> secret;
  private final Duration timeout;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public KeyProcessClient(SignerEndpoint endpoint, Optional<SharedSecret> secret, Duration timeout, Clock clock) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.secret = Objects.requireNonNull(secret, "secret");
    if (endpoint instanceof SignerEndpoint.LoopbackTcp && secret.isEmpty()) {
      throw new IllegalArgumentException("a TCP key process needs a shared secret (" + KeyProcessSettings.SECRET + ")");
    }
    this.timeout = timeout;
    this.clock = clock;
  }

  /** A fresh, never-used key index and its pubkey. */
  public record Reservation(long index, String pubkey) {}

  /** A new key's public material, its keystore (encrypted under its own password) and that password sealed. */
  public record IssuedKey(long index, String path, String pubkey, String depositDataJson, String keystore,
      String sealedPassword) {
    @Override
    public String toString() {
      return "IssuedKey[index=" + index + ", path=" + path + ", pubkey=" + pubkey + "]";
    }
  }

  public Reservation reserve() {
    ObjectNode body = KeyProtocol.JSON.createObjectNode();
    body.put("op", "reserve");
    JsonNode r = call(body);
    Reservation res = new Reservation(r.path("index").asLong(-1), text(r, "pubkey"));
    if (res.index() < 0 || !res.pubkey().matches("0x[0-9a-f]{96}")) {
      throw invalid("reserve answered a malformed index or pubkey");
    }
    return res;
  }

  /** @param vault the lowercase address of the vault the deposit data must credit */
  public IssuedKey issue(long index, String vault) {
    ObjectNode body = KeyProtocol.JSON.createObjectNode();
    body.put("op", "issue");
    body.put("index", index);
    body.put("vault", vault);
    JsonNode r = call(body);
    IssuedKey k = new IssuedKey(r.path("index").asLong(-1), text(r, "path"), text(r, "pubkey"), text(r, "depositData"),
        text(r, "keystore"), text(r, "sealedPassword"));
    if (k.index() != index) {
      throw invalid("issue answered for another index");
    }
    return k;
  }

  /** Sends one raw request body (for tests of what a compromised api could ask); answers the result. */
  JsonNode call(ObjectNode bodyNode) {
    String body = KeyProtocol.JSON.writeValueAsString(bodyNode);
    byte[] nonceBytes = new byte[16];
    random.nextBytes(nonceBytes);
    String nonce = HexFormat.of().formatHex(nonceBytes);
    long timestamp = clock.millis();
    ObjectNode envelope = KeyProtocol.JSON.createObjectNode();
    envelope.put("timestamp", timestamp);
    envelope.put("nonce", nonce);
    envelope.put("body", body);
    envelope.put("mac", secret.map(s -> HexFormat.of().formatHex(
        s.mac(KeyProtocol.requestMacInput(timestamp, nonce, body)))).orElse(""));
    String responseFrame = exchange(KeyProtocol.JSON.writeValueAsString(envelope));
    JsonNode response;
    String responseBody;
    try {
      response = SignerProtocol.parse(responseFrame);
      responseBody = SignerProtocol.text(response, "body");
    } catch (SigningException e) {
      throw invalid("the key process's response is malformed");
    }
    if (secret.isPresent()) {
      boolean ok;
      try {
        ok = secret.get().verify(KeyProtocol.responseMacInput(nonce, responseBody),
            HexFormat.of().parseHex(response.path("mac").asString("")));
      } catch (IllegalArgumentException e) {
        ok = false;
      }
      if (!ok) {
        throw invalid("the key process's response MAC does not verify");
      }
    }
    JsonNode result;
    try {
      result = SignerProtocol.parse(responseBody);
    } catch (SigningException e) {
      throw invalid("the key process's response body is malformed");
    }
    if (!result.path("ok").asBoolean(false)) {
      KeyProcessErrorCode code;
      try {
        code = KeyProcessErrorCode.valueOf(result.path("code").asString(""));
      } catch (IllegalArgumentException unknown) {
        code = KeyProcessErrorCode.KEY_PROCESS_UNAVAILABLE;
      }
      throw new KeyProcessException(code, "the key process refused: " + result.path("message").asString(""));
    }
    return result;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isString()) {
      throw invalid("the key process's answer lacks " + field);
    }
    return v.stringValue();
  }

  private static KeyProcessException invalid(String message) {
    return new KeyProcessException(KeyProcessErrorCode.KEY_PROCESS_UNAVAILABLE, message);
  }

  private String exchange(String frame) {
    SocketChannel ch;
    try {
      ch = endpoint.connect();
    } catch (IOException e) {
      throw new KeyProcessException(KeyProcessErrorCode.KEY_PROCESS_UNAVAILABLE,
          "cannot reach the key process at " + endpoint + ": " + e.getMessage(), e);
    }
    FutureTask<String> io = new FutureTask<>(() -> {
      SignerProtocol.writeFrame(ch, frame);
      return SignerProtocol.readFrame(ch);
    });
    Thread.ofVirtual().name("key-process-io").start(io);
    try (ch) {
      return io.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      io.cancel(true);
      throw new KeyProcessException(KeyProcessErrorCode.KEY_PROCESS_UNAVAILABLE, "the key process did not answer within " + timeout);
    } catch (ExecutionException e) {
      throw new KeyProcessException(KeyProcessErrorCode.KEY_PROCESS_UNAVAILABLE,
          "key process exchange failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyProcessException(KeyProcessErrorCode.KEY_PROCESS_UNAVAILABLE, "interrupted waiting for the key process");
    } catch (IOException e) {
      throw new KeyProcessException(KeyProcessErrorCode.KEY_PROCESS_UNAVAILABLE, "key process connection failed", e);
    }
  }

  @Override
  public String toString() {
    return "KeyProcessClient[endpoint=" + endpoint + "]";
  }
}
