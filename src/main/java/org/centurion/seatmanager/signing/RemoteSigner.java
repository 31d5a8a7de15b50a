package org.centurion.seatmanager.signing;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.web3j.crypto.RawTransaction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link TreasurySigner} whose key lives in the isolated {@code seat-manager signer} process.
 * The API and watcher processes hold no key: they hold this. Every answer is authenticated (with
 * a shared secret) and the returned transaction is decoded and checked against the request and
 * the signer's address before it is handed back.
 */
public final class RemoteSigner implements TreasurySigner {
  private final SignerEndpoint endpoint;
  private final Optional<SharedSecret> secret;
  private final Duration timeout;
  private final Clock clock;
  private final HmacChannel channel;
  private final String address;

  private RemoteSigner(SignerEndpoint endpoint, Optional<SharedSecret> secret, Duration timeout, Clock clock) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.channel = new HmacChannel(HmacChannel.Domain.SIGNER, secret, "the signer");
    JsonNode reply = call(addressRequest());
    String a = SignerProtocol.text(reply, "address");
    if (!a.matches("0x[0-9a-f]{40}")) {
      throw new SigningException(SigningErrorCode.SIGNER_RESPONSE_INVALID, "signer returned a malformed address");
    }
    this.address = a;
  }

  /** Connects once to learn the signer's address; fails if the signer is unreachable. */
  public static RemoteSigner connect(
      SignerEndpoint endpoint, Optional<SharedSecret> secret, Duration timeout, Clock clock) {
    if (endpoint instanceof SignerEndpoint.LoopbackTcp && secret.isEmpty()) {
      throw new IllegalArgumentException("a TCP signer needs a shared secret (SEAT_MANAGER_SIGNER_SECRET)");
    }
    return new RemoteSigner(endpoint, secret, timeout, clock);
  }

  private static ObjectNode addressRequest() {
    ObjectNode body = SignerProtocol.JSON.createObjectNode();
    body.put("op", "address");
    return body;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public SignedTransaction sign(RawTransaction transaction, long chainId) {
    return sign(transaction, chainId, SigningJustification.NONE);
  }

  /** The justification travels with the request; the signer applies its own policy to both. */
  @Override
  public SignedTransaction sign(RawTransaction transaction, long chainId, SigningJustification justification) {
    Eip1559Signing.requireEip1559(transaction, chainId);
    JsonNode reply = call(SignerProtocol.signBody(transaction, justification));
    SignedTransaction signed =
        new SignedTransaction(
            SignerProtocol.text(reply, "rawHex"),
            SignerProtocol.text(reply, "hash"),
            SignerProtocol.text(reply, "from").toLowerCase(java.util.Locale.ROOT),
            chainId,
            transaction.getNonce());
    try {
      Eip1559Signing.verify(signed, transaction, address);
    } catch (SigningException e) {
      throw new SigningException(SigningErrorCode.SIGNER_RESPONSE_INVALID, e.getMessage(), e);
    }
    return signed;
  }

  private JsonNode call(ObjectNode bodyNode) {
    String responseBody;
    try {
      responseBody = channel.call(endpoint, timeout, clock, SignerProtocol.JSON.writeValueAsString(bodyNode));
    } catch (HmacChannel.ChannelException e) {
      SigningErrorCode code = e.failure() == HmacChannel.Failure.UNAVAILABLE
          ? SigningErrorCode.SIGNER_UNAVAILABLE : SigningErrorCode.SIGNER_RESPONSE_INVALID;
      throw new SigningException(code, e.getMessage(), e.getCause());
    }
    JsonNode result = SignerProtocol.parse(responseBody);
    if (!result.path("ok").asBoolean(false)) {
      String codeName = result.path("code").asString("SIGNER_UNAVAILABLE");
      SigningErrorCode code;
      try {
        code = SigningErrorCode.valueOf(codeName);
      } catch (IllegalArgumentException unknown) {
        code = SigningErrorCode.SIGNER_RESPONSE_INVALID;
      }
      throw new SigningException(code, "isolated signer refused: " + result.path("message").asString(""));
    }
    return result;
  }

  @Override
  public String mode() {
    return "remote";
  }

  @Override
  public String toString() {
    return "RemoteSigner[endpoint=" + endpoint + ", address=" + address + "]";
  }
}
