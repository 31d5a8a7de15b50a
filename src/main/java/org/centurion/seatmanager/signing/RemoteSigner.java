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
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
  private final SecureRandom random = new SecureRandom();
  private final String address;

  private RemoteSigner(SignerEndpoint endpoint, Optional<SharedSecret> secret, Duration timeout, Clock clock) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
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
    String body = SignerProtocol.JSON.writeValueAsString(bodyNode);
    byte[] nonceBytes = new byte[16];
    random.nextBytes(nonceBytes);
    String nonce = HexFormat.of().formatHex(nonceBytes);
    long timestamp = clock.millis();
    ObjectNode envelope = SignerProtocol.JSON.createObjectNode();
    envelope.put("timestamp", timestamp);
    envelope.put("nonce", nonce);
    envelope.put("body", body);
    envelope.put("mac", secret.map(s -> HexFormat.of().formatHex(
        s.mac(SignerProtocol.requestMacInput(timestamp, nonce, body)))).orElse(""));
    String responseFrame = exchange(SignerProtocol.JSON.writeValueAsString(envelope));

    JsonNode response;
    String responseBody;
    try {
      response = SignerProtocol.parse(responseFrame);
      responseBody = SignerProtocol.text(response, "body");
    } catch (SigningException e) {
      throw new SigningException(SigningErrorCode.SIGNER_RESPONSE_INVALID, "signer response is malformed");
    }
    if (secret.isPresent()) {
      String mac = response.path("mac").asString("");
      boolean ok;
      try {
        ok = secret.get().verify(SignerProtocol.responseMacInput(nonce, responseBody), SignerProtocol.hex(mac));
      } catch (SigningException e) {
        ok = false;
      }
      if (!ok) {
        throw new SigningException(SigningErrorCode.SIGNER_RESPONSE_INVALID, "signer response MAC does not verify");
      }
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

  /** One connection, one frame each way, bounded by {@link #timeout} even on a silent peer. */
  private String exchange(String frame) {
    SocketChannel ch;
    try {
      ch = endpoint.connect();
    } catch (IOException e) {
      throw new SigningException(SigningErrorCode.SIGNER_UNAVAILABLE, "cannot reach the signer at " + endpoint + ": " + e.getMessage(), e);
    }
    FutureTask<String> io = new FutureTask<>(() -> {
      SignerProtocol.writeFrame(ch, frame);
      return SignerProtocol.readFrame(ch);
    });
    Thread.ofVirtual().name("remote-signer-io").start(io);
    try (ch) {
      return awaitReply(io);
    } catch (IOException closeFailed) {
      throw new SigningException(SigningErrorCode.SIGNER_UNAVAILABLE, "signer connection failed", closeFailed);
    }
  }

  private String awaitReply(Future<String> io) {
    try {
      return io.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      io.cancel(true);
      throw new SigningException(SigningErrorCode.SIGNER_UNAVAILABLE, "signer did not answer within " + timeout);
    } catch (ExecutionException e) {
      throw new SigningException(SigningErrorCode.SIGNER_UNAVAILABLE, "signer exchange failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SigningException(SigningErrorCode.SIGNER_UNAVAILABLE, "interrupted while waiting for the signer");
    }
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
