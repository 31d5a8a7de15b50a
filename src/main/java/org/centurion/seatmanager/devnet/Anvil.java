package org.centurion.seatmanager.devnet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A local anvil node on 127.0.0.1: started as a child process, stopped with {@link #close()}.
 *
 * <p>The binary comes from the pinned npm package {@code @foundry-rs/anvil} under the project's
 * {@code node_modules} (the launcher installs it), or from {@code SEAT_MANAGER_ANVIL}.
 */
public final class Anvil implements AutoCloseable {
  /** anvil's default mnemonic accounts: fine for a throwaway local chain, never anywhere else. */
  public static final String DEV_MNEMONIC = "test test test test test test test test test test test junk";

  private final Process process;
  private final int port;
  private final long chainId;

  private Anvil(Process process, int port, long chainId) {
    this.process = process;
    this.port = port;
    this.chainId = chainId;
  }

  /** Starts anvil on a free loopback port with the given chain id and the Prague hardfork. */
  public static Anvil start(long chainId) throws IOException {
    return start(chainId, freePort(), List.of());
  }

  public static Anvil start(long chainId, int port, List<String> extraArgs) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary().toString());
    cmd.addAll(List.of(
        "--host", "127.0.0.1",
        "--port", Integer.toString(port),
        "--chain-id", Long.toString(chainId),
        "--hardfork", "prague",
        "--mnemonic", DEV_MNEMONIC,
        "--silent"));
    cmd.addAll(extraArgs);
    Process p = new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    Anvil anvil = new Anvil(p, port, chainId);
    anvil.awaitListening(Duration.ofSeconds(20));
    return anvil;
  }

  public String rpcUrl() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public long chainId() {
    return chainId;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitListening(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("anvil exited at start with code " + process.exitValue());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for anvil", e);
        }
      }
    }
    close();
    throw new IOException("anvil did not listen on 127.0.0.1:" + port + " within " + timeout);
  }

  /** Locates the anvil binary: {@code SEAT_MANAGER_ANVIL}, else node_modules of the project. */
  public static Path binary() {
    String explicit = System.getenv("SEAT_MANAGER_ANVIL");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String home = System.getenv("SEAT_MANAGER_HOME");
    Path start = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "anvil not found: run 'npm ci' in the project root (the ./seat-manager launcher does it) "
            + "or set SEAT_MANAGER_ANVIL to the anvil binary");
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
