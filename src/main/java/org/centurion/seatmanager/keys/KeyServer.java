package org.centurion.seatmanager.keys;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.centurion.seatmanager.signing.ReplayGuard;
import org.centurion.seatmanager.signing.SharedSecret;
import org.centurion.seatmanager.signing.SignerEndpoint;
import org.centurion.seatmanager.signing.SignerProtocol;
import org.centurion.seatmanager.signing.SignerServer;
import org.centurion.seatmanager.signing.SigningException;
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
  private final ReplayGuard replayGuard;
  private final Semaphore oneAtATime = new Semaphore(1);
  private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);
  private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "keys-deadlines");
    t.setDaemon(true);
    return t;
  });
  private ServerSocketChannel server;
  private SignerEndpoint bound;
  private Thread acceptor;

  KeyServer(ManagedKeyIssuer issuer, KeyLedger ledger, Optional<SharedSecret> secret, Clock clock) {
    this.issuer = issuer;
    this.ledger = ledger;
    this.secret = secret;
    this.replayGuard = new ReplayGuard(clock, FRESHNESS_WINDOW, 10_000);
  }

  public synchronized SignerEndpoint start(SignerEndpoint endpoint) throws IOException {
    switch (endpoint) {
      case SignerEndpoint.UnixSocket unix -> {
        server = SignerServer.bindUnixSocket(unix.path(), unix.clientGroup());
        bound = unix;
      }
      case SignerEndpoint.LoopbackTcp tcp -> {
        if (secret.isEmpty()) {
          throw new IllegalArgumentException("a TCP key process needs a shared secret (" + KeyProcessSettings.SECRET + ")");
        }
        server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        server.bind(tcp.address(), 16);
        bound = new SignerEndpoint.LoopbackTcp(((InetSocketAddress) server.getLocalAddress()).getPort());
      }
    }
    acceptor = new Thread(this::acceptLoop, "keys-acceptor");
    acceptor.start();
    log.info("key process listening endpoint={} authenticated={} nextIndex={}", bound, secret.isPresent(),
        ledger.nextIndex());
    return bound;
  }

  private void acceptLoop() {
    while (true) {
      SocketChannel conn;
      try {
        conn = server.accept();
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException e) {
        log.warn("key process accept failed: {}", e.toString());
        continue;
      }
      if (!connections.tryAcquire()) {
        closeQuietly(conn);
        log.warn("key process busy: connection refused");
        continue;
      }
      Thread.ofVirtual().name("keys-conn").start(() -> serve(conn));
    }
  }

  private void serve(SocketChannel conn) {
    var deadline = deadlines.schedule(() -> closeQuietly(conn), READ_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    try (conn) {
      String frame;
      try {
        frame = SignerProtocol.readFrame(conn);
      } finally {
        deadline.cancel(false);
      }
      oneAtATime.acquireUninterruptibly();
      String reply;
      try {
        reply = handle(frame);
      } finally {
        oneAtATime.release();
      }
      SignerProtocol.writeFrame(conn, reply);
    } catch (IOException e) {
      log.warn("key process connection dropped: {}", e.getMessage());
    } finally {
      connections.release();
    }
  }

  private static void closeQuietly(SocketChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // the peer is gone either way
    }
  }

  /** One request frame in, one response frame out; every refusal is logged and recorded. */
  String handle(String frame) {
    String nonce = "";
    String op = "?";
    ObjectNode result;
    try {
      JsonNode envelope = parse(frame);
      nonce = text(envelope, "nonce");
      if (!nonce.matches("[0-9a-f]{32}")) {
        nonce = "";
        throw bad("nonce must be 32 lowercase hex digits");
      }
      String body = text(envelope, "body");
      JsonNode ts = envelope.get("timestamp");
      if (ts == null || !ts.isIntegralNumber() || !ts.canConvertToLong()) {
        throw bad("timestamp must be an integer of epoch milliseconds");
      }
      authenticate(ts.longValue(), nonce, body, text(envelope, "mac"));
      JsonNode request = parse(body);
      op = text(request, "op");
      result = execute(op, request);
    } catch (KeyProcessException e) {
      log.warn("key process refused request code={} op={} reason={}", e.code(), op, e.getMessage());
      ledger.refused(e.code(), op, e.getMessage());
      result = refusal(e.code(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("key process failed on a request op={}: {}", op, e.getClass().getSimpleName());
      ledger.refused(KeyProcessErrorCode.KEYS_UNAVAILABLE, op, e.getClass().getSimpleName());
      result = refusal(KeyProcessErrorCode.KEYS_UNAVAILABLE, "internal key process error");
    }
    String body = KeyProtocol.JSON.writeValueAsString(result);
    ObjectNode response = KeyProtocol.JSON.createObjectNode();
    response.put("body", body);
    response.put("mac", secret.isPresent() && !nonce.isEmpty()
        ? HexFormat.of().formatHex(secret.get().mac(KeyProtocol.responseMacInput(nonce, body))) : "");
    return KeyProtocol.JSON.writeValueAsString(response);
  }

  private void authenticate(long timestamp, String nonce, String body, String mac) {
    if (secret.isPresent()) {
      byte[] candidate;
      try {
        candidate = HexFormat.of().parseHex(mac);
      } catch (IllegalArgumentException e) {
        throw new KeyProcessException(KeyProcessErrorCode.UNAUTHENTICATED, "mac is not hex");
      }
      // MAC first: unauthenticated traffic must not be able to fill the replay cache
      if (!secret.get().verify(KeyProtocol.requestMacInput(timestamp, nonce, body), candidate)) {
        throw new KeyProcessException(KeyProcessErrorCode.UNAUTHENTICATED, "request MAC does not verify");
      }
    }
    // on the Unix socket too: a captured request is never accepted twice
    try {
      replayGuard.accept(timestamp, nonce);
    } catch (SigningException e) {
      throw new KeyProcessException(KeyProcessErrorCode.REPLAYED_REQUEST, e.getMessage());
    }
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
    if (server == null) {
      return;
    }
    server.close();
    deadlines.shutdownNow();
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (bound instanceof SignerEndpoint.UnixSocket unix) {
      Files.deleteIfExists(unix.path());
    }
    log.info("key process stopped endpoint={}", bound);
  }
}
