package org.centurion.seatmanager.keys;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.centurion.seatmanager.signing.HmacChannel;
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
  private final HmacChannel channel;

  public KeyProcessClient(SignerEndpoint endpoint, Optional<SharedSecret> secret, Duration timeout, Clock clock) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.secret = Objects.requireNonNull(secret, "secret");
    if (endpoint instanceof SignerEndpoint.LoopbackTcp && secret.isEmpty()) {
      throw new IllegalArgumentException("a TCP key process needs a shared secret (" + KeyProcessSettings.SECRET + ")");
    }
    this.timeout = timeout;
    this.clock = clock;
    this.channel = new HmacChannel(HmacChannel.Domain.KEYS, secret, "the key process");
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
    String responseBody;
    try {
      responseBody = channel.call(endpoint, timeout, clock, KeyProtocol.JSON.writeValueAsString(bodyNode));
    } catch (HmacChannel.ChannelException e) {
      throw new KeyProcessException(KeyProcessErrorCode.KEY_PROCESS_UNAVAILABLE, e.getMessage(), e.getCause());
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

  @Override
  public String toString() {
    return "KeyProcessClient[endpoint=" + endpoint + "]";
  }
}
