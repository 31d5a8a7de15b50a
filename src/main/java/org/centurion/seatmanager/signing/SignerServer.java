package org.centurion.seatmanager.signing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.transaction.type.Transaction1559;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The isolated signer: holds one {@link TreasurySigner} and serves signing requests that pass the
 * {@link TreasuryPolicy} (enforced here, whatever the client claims), on a mode-600 Unix socket or an HMAC-authenticated loopback port. Every
 * request is logged with its decision, and every sign decision is appended to the
 * {@link SignerDecisionLog}; keys and secrets never are.
 */
public final class SignerServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SignerServer.class);
  static final Duration FRESHNESS_WINDOW = Duration.ofSeconds(30);
  private static final Duration CONNECTION_DEADLINE = Duration.ofSeconds(10);
  private static final int MAX_CONCURRENT = 16;

  private final TreasurySigner signer;
  private final TreasuryPolicy policy;
  private final SignerDecisionLog decisions;
  private final Optional<SharedSecret> secret;
  private final HmacChannel channel;
  /** Without a secret (Unix socket only) there is nothing to replay-check against: the socket's mode is the gate. */
  private final Optional<ReplayGuard> replayGuard;
  private final FrameServer frames = new FrameServer(
      new FrameServer.Limits("signer", 64, MAX_CONCURRENT, CONNECTION_DEADLINE, FrameServer.Deadline.WHOLE_CONNECTION),
      this::handle);
  private SignerEndpoint bound;

  /**
   * @param secret required for a TCP endpoint; optional for a Unix socket, where the socket's
   *     mode 600 restricts callers to the signer's own user
   */
  public SignerServer(TreasurySigner signer, TreasuryPolicy policy, SignerDecisionLog decisions, Optional<SharedSecret> secret,
      Clock clock) {
    this.signer = Objects.requireNonNull(signer, "signer");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.decisions = Objects.requireNonNull(decisions, "decisions");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.channel = new HmacChannel(HmacChannel.Domain.SIGNER, secret, "the signer");
    this.replayGuard = secret.isPresent() ? Optional.of(new ReplayGuard(clock, FRESHNESS_WINDOW, 100_000))
        : Optional.empty();
  }

  /** Binds and starts serving; returns the endpoint actually bound (the real port for port 0). */
  public synchronized SignerEndpoint start(SignerEndpoint endpoint) throws IOException {
    if (bound != null) {
      throw new IllegalStateException("already started");
    }
    if (endpoint instanceof SignerEndpoint.LoopbackTcp && secret.isEmpty()) {
      throw new IllegalArgumentException("a TCP signer needs a shared secret (SEAT_MANAGER_SIGNER_SECRET)");
    }
    bound = frames.start(endpoint);
    log.info("signer listening endpoint={} mode={} address={} chainId={} router={} authenticated={}",
        bound, signer.mode(), signer.address(), policy.chainId(), policy.router(), secret.isPresent());
    return bound;
  }

  /**
   * Binds the socket inside a fresh 700 directory, sets its mode (600, or 660 with the client
   * group) and only then moves it to its public path, so no other user can ever connect during
   * the window before chmod. Public for the key process ({@code keys serve}), which binds its socket the same way.
   */
  public static ServerSocketChannel bindUnixSocket(Path path, Optional<String> clientGroup) throws IOException {
    Path parent = path.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new IOException("directory for the signer socket does not exist: " + parent);
    }
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      var attrs = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attrs.isOther()) {
        throw new IOException("refusing to replace " + path + ": it is not a socket");
      }
      try (SocketChannel probe = new SignerEndpoint.UnixSocket(path).connect()) {
        throw new IOException("another signer is already listening on " + path);
      } catch (IOException stale) {
        if (stale.getMessage() != null && stale.getMessage().startsWith("another signer")) {
          throw stale;
        }
        Files.delete(path);
      }
    }
    Path staging = Files.createTempDirectory(parent, ".signer-", PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
    Path temp = staging.resolve("s");
    ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      ch.bind(new SignerEndpoint.UnixSocket(temp).address(), 64);
      if (clientGroup.isPresent()) {
        var group = temp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(clientGroup.get());
        Files.getFileAttributeView(temp, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(group);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-rw----"));
      } else {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      }
      Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE);
      return ch;
    } catch (IOException e) {
      ch.close();
      throw e;
    } finally {
      Files.deleteIfExists(temp);
      Files.deleteIfExists(staging);
    }
  }

  /** One request frame in, one response frame out; every outcome is logged. */
  String handle(String frame) {
    String nonce = "";
    ObjectNode result;
    try {
      HmacChannel.Request request = channel.open(frame, replayGuard);
      nonce = request.nonce();
      result = execute(SignerProtocol.parse(request.body()));
    } catch (HmacChannel.ChannelException e) {
      nonce = e.nonce();
      result = refusal(channelCode(e.failure()), e.getMessage());
    } catch (SigningException e) {
      result = refusal(e.code(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("signer failed on a request: {}", e.toString());
      result = SignerProtocol.JSON.createObjectNode();
      result.put("ok", false);
      result.put("code", SigningErrorCode.SIGNER_UNAVAILABLE.name());
      result.put("message", "internal signer error");
    }
    return channel.reply(nonce, SignerProtocol.JSON.writeValueAsString(result));
  }

  private static SigningErrorCode channelCode(HmacChannel.Failure failure) {
    return switch (failure) {
      case BAD_REQUEST -> SigningErrorCode.BAD_REQUEST;
      case UNAUTHENTICATED -> SigningErrorCode.UNAUTHENTICATED;
      case REPLAYED -> SigningErrorCode.REPLAYED_REQUEST;
      case UNAVAILABLE -> SigningErrorCode.SIGNER_UNAVAILABLE;
      case RESPONSE_INVALID -> SigningErrorCode.SIGNER_RESPONSE_INVALID;
    };
  }

  private static ObjectNode refusal(SigningErrorCode code, String message) {
    log.warn("signer refused request code={} reason={}", code, message);
    ObjectNode result = SignerProtocol.JSON.createObjectNode();
    result.put("ok", false);
    result.put("code", code.name());
    result.put("message", message);
    return result;
  }

  private ObjectNode execute(JsonNode body) {
    String op = SignerProtocol.text(body, "op");
    ObjectNode out = SignerProtocol.JSON.createObjectNode();
    switch (op) {
      case "address" -> {
        out.put("ok", true);
        out.put("address", signer.address());
        out.put("mode", signer.mode());
      }
      case "sign" -> {
        RawTransaction tx = SignerProtocol.transactionFrom(body);
        SigningJustification why = SignerProtocol.justificationFrom(body);
        Transaction1559 t = (Transaction1559) tx.getTransaction();
        TreasuryPolicy.Decision decision;
        try {
          // The policy is this process's own: whatever the client claims, nothing else is signed.
          decision = policy.check(tx, why);
        } catch (SigningException refused) {
          log.warn("signer refused tx code={} chainId={} nonce={} to={} valueWei={} maxFeePerGas={} gasLimit={} reason={}",
              refused.code(), t.getChainId(), t.getNonce(), t.getTo(), t.getValue(), t.getMaxFeePerGas(), t.getGasLimit(),
              refused.getMessage());
          decisions.append(SignerDecisionLog.REFUSED, tx, why, "-", refused.code().name(), refused.getMessage(), "-");
          throw refused;
        }
        SignedTransaction signed = signer.sign(tx, policy.chainId());
        decisions.append(SignerDecisionLog.SIGNED, tx, why, decision.description(), "-", "-", signed.hash());
        log.info("signer signed tx hash={} from={} chainId={} nonce={} to={} valueWei={} maxFeePerGas={} "
                + "maxPriorityFeePerGas={} gasLimit={} call={}",
            signed.hash(), signed.from(), t.getChainId(), t.getNonce(), t.getTo(), t.getValue(),
            t.getMaxFeePerGas(), t.getMaxPriorityFeePerGas(), t.getGasLimit(), decision.description());
        out.put("ok", true);
        out.put("rawHex", signed.rawHex());
        out.put("hash", signed.hash());
        out.put("from", signed.from());
      }
      default -> throw SignerProtocol.bad("unknown op");
    }
    return out;
  }

  /** Stops accepting and removes the socket file. */
  @Override
  public synchronized void close() throws IOException {
    if (frames.stop()) {
      log.info("signer stopped endpoint={}", bound);
    }
  }
}
