package org.centurion.seatmanager.signing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;

/** Where the isolated signer listens: a Unix domain socket, or a port on the loopback interface. */
public sealed interface SignerEndpoint {
  SocketAddress address();

  SocketChannel connect() throws IOException;

  /**
   * @param clientGroup when set, the socket is mode 660 with this group, so a client running as
   *     another user in that group can connect; otherwise mode 600, the signer's own user only
   */
  record UnixSocket(Path path, java.util.Optional<String> clientGroup) implements SignerEndpoint {
    public UnixSocket {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(clientGroup, "clientGroup");
      path = path.toAbsolutePath();
      if (clientGroup.isPresent() && !clientGroup.get().matches("[a-z_][a-z0-9_-]{0,31}")) {
        throw new IllegalArgumentException("socket group must be a group name");
      }
    }

    public UnixSocket(Path path) {
      this(path, java.util.Optional.empty());
    }

    @Override
    public SocketAddress address() {
      return UnixDomainSocketAddress.of(path);
    }

    @Override
    public SocketChannel connect() throws IOException {
      SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        ch.connect(address());
        return ch;
      } catch (IOException e) {
        ch.close();
        throw e;
      }
    }
  }

  /** Port 0 asks the server for an ephemeral port; it reports the bound one. */
  record LoopbackTcp(int port) implements SignerEndpoint {
    public LoopbackTcp {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in [0, 65535]");
      }
    }

    @Override
    public SocketAddress address() {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    public SocketChannel connect() throws IOException {
      SocketChannel ch = SocketChannel.open(StandardProtocolFamily.INET);
      try {
        ch.connect(address());
        return ch;
      } catch (IOException e) {
        ch.close();
        throw e;
      }
    }
  }
}
