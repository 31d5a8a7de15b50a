package org.centurion.seatmanager.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.config.Environment;
import org.centurion.seatmanager.keys.KeyProcess;
import org.centurion.seatmanager.keys.KeyProcessClient;
import org.centurion.seatmanager.keys.KeyProcessSettings;
import org.centurion.seatmanager.signing.SignerEndpoint;

/**
 * The files of a key process in a temporary directory (mnemonic, seal key, state directory, socket
 * path) and its environment; {@link #startInProcess} runs it in the test JVM, or pass {@link #env}
 * to {@code keys serve} in a child process.
 */
public final class TestKeyProcess {
  public static final String MNEMONIC =
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

  public final Path dir;
  public final Path mnemonic;
  public final Path sealKey;
  public final Path state;
  public final Path socket;
  public final String forkVersion;

  public TestKeyProcess(Path parent, String forkVersion) throws IOException {
    this.dir = Files.createTempDirectory(parent, "keys");
    this.mnemonic = secretFile(dir.resolve("mnemonic"), MNEMONIC);
    this.sealKey = secretFile(dir.resolve("seal.key"), TestSecrets.hex32());
    this.state = Files.createDirectory(dir.resolve("state"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    this.socket = dir.resolve("keys.sock");
    this.forkVersion = forkVersion;
  }

  public Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put(KeyProcessSettings.MNEMONIC_FILE, mnemonic.toString());
    env.put(KeyProcessSettings.SEAL_KEY_FILE, sealKey.toString());
    env.put(KeyProcessSettings.STATE_DIR, state.toString());
    env.put(KeyProcessSettings.SOCKET, socket.toString());
    env.put(KeyProcessSettings.GENESIS_FORK_VERSION, forkVersion);
    return env;
  }

  public KeyProcess startInProcess() throws IOException {
    return KeyProcess.start(KeyProcessSettings.parse(new Environment(env())), "seat-manager-test", Clock.systemUTC());
  }

  /** api's client of this key process (Unix socket, no secret). */
  public KeyProcessClient client() {
    return new KeyProcessClient(new SignerEndpoint.UnixSocket(socket), Optional.empty(), Duration.ofSeconds(60),
        Clock.systemUTC());
  }

  public static Path secretFile(Path p, String content) throws IOException {
    Files.writeString(p, content + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    return p;
  }
}
