package org.centurion.seatmanager.signing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening half of the {@link HmacChannel} transport, shared by the isolated signer and the key
 * process: a Unix socket (bound mode 600/660, see {@link SignerServer#bindUnixSocket}) or a loopback
 * port, a bound on concurrent connections (a busy server refuses, it never queues without limit), and
 * a deadline after which a connection is closed. Each connection carries one request frame and one
 * response frame; what a request means is the {@link Handler}'s.
 */
public final class FrameServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FrameServer.class);

  /** One request frame in, one response frame out. */
  public interface Handler {
    String handle(String frame);
  }

  /** What the deadline bounds: the whole connection (signer), or only the wait for the request (key process, whose work is slow). */
  public enum Deadline { WHOLE_CONNECTION, REQUEST_READ }

  /**
   * @param name the service's name in thread names and logs ("signer", "keys")
   * @param backlog the TCP accept backlog
   */
  public record Limits(String name, int backlog, int maxConnections, Duration deadline, Deadline covers) {}

  private final Limits limits;
  private final Handler handler;
  private final Semaphore connections;
  private final ScheduledExecutorService deadlines;
  private ServerSocketChannel server;
  private SignerEndpoint bound;
  private Thread acceptor;

  public FrameServer(Limits limits, Handler handler) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.connections = new Semaphore(limits.maxConnections());
    this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, limits.name() + "-deadlines");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Binds and starts accepting; returns the endpoint actually bound (the real port for port 0). A
   * TCP endpoint must only be asked for by a service that has a shared secret (the caller checks).
   */
  public synchronized SignerEndpoint start(SignerEndpoint endpoint) throws IOException {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    switch (endpoint) {
      case SignerEndpoint.UnixSocket unix -> {
        server = SignerServer.bindUnixSocket(unix.path(), unix.clientGroup());
        bound = unix;
      }
      case SignerEndpoint.LoopbackTcp tcp -> {
        server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        server.bind(tcp.address(), limits.backlog());
        bound = new SignerEndpoint.LoopbackTcp(((InetSocketAddress) server.getLocalAddress()).getPort());
      }
    }
    ServerSocketChannel listening = server;
    acceptor = new Thread(() -> acceptLoop(listening), limits.name() + "-acceptor");
    acceptor.start();
    return bound;
  }

  private void acceptLoop(ServerSocketChannel listening) {
    while (true) {
      SocketChannel conn;
      try {
        conn = listening.accept();
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException e) {
        log.warn("{} accept failed: {}", limits.name(), e.toString());
        continue;
      }
      if (!connections.tryAcquire()) {
        closeQuietly(conn);
        log.warn("{} busy: connection refused", limits.name());
        continue;
      }
      Thread.ofVirtual().name(limits.name() + "-conn").start(() -> serve(conn));
    }
  }

  private void serve(SocketChannel conn) {
    ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(conn), limits.deadline().toMillis(),
        TimeUnit.MILLISECONDS);
    try (conn) {
      String frame;
      try {
        frame = SignerProtocol.readFrame(conn);
      } finally {
        if (limits.covers() == Deadline.REQUEST_READ) {
          deadline.cancel(false);
        }
      }
      SignerProtocol.writeFrame(conn, handler.handle(frame));
    } catch (IOException e) {
      log.warn("{} connection dropped: {}", limits.name(), e.getMessage());
    } finally {
      deadline.cancel(false);
      connections.release();
    }
  }

  private static void closeQuietly(SocketChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // closing is best effort: the peer is gone either way
    }
  }

  /** Stops accepting and removes the socket file; returns whether it was serving. */
  public synchronized boolean stop() throws IOException {
    if (server == null) {
      return false;
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
    return true;
  }

  @Override
  public void close() throws IOException {
    stop();
  }
}
