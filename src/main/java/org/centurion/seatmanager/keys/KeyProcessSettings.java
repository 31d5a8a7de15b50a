package org.centurion.seatmanager.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.config.Environment;
import org.centurion.seatmanager.config.SecretRules;
import org.centurion.seatmanager.deposit.ForkVersion;
import org.centurion.seatmanager.deposit.ManagedKeyException;
import org.centurion.seatmanager.deposit.SecretFile;
import org.centurion.seatmanager.signing.SharedSecret;
import org.centurion.seatmanager.signing.SignerEndpoint;

/**
 * Settings of the key process ({@code seat-manager keys serve}), the only process that reads the
 * foundation mnemonic and the seal key. Every problem is reported at once; no value is echoed.
 *
 * <table>
 * <tr><td>SEAT_MANAGER_MNEMONIC_FILE</td><td>the foundation mnemonic, mode 600, owned by the key process's user</td></tr>
 * <tr><td>SEAT_MANAGER_KEYS_SEAL_KEY_FILE</td><td>64 hex digits (AES-256), mode 600: seals each keystore's password</td></tr>
 * <tr><td>SEAT_MANAGER_KEYS_STATE_DIR</td><td>directory (mode 700) of the ledger of reserved/issued indices</td></tr>
 * <tr><td>SEAT_MANAGER_KEYS_SOCKET</td><td>Unix socket (mode 600), or</td></tr>
 * <tr><td>SEAT_MANAGER_KEYS_SOCKET_GROUP</td><td>optional: mode 660 with api's group</td></tr>
 * <tr><td>SEAT_MANAGER_KEYS_PORT + SEAT_MANAGER_KEYS_SECRET</td><td>loopback port with an HMAC secret</td></tr>
 * <tr><td>SEAT_MANAGER_GENESIS_FORK_VERSION</td><td>the fork deposit data is signed for</td></tr>
 * </table>
 */
public record KeyProcessSettings(Path mnemonicFile, PasswordSealSource sealKey, Path stateDir, SignerEndpoint endpoint,
    Optional<SharedSecret> secret, ForkVersion genesisForkVersion) {
  public static final String MNEMONIC_FILE = "SEAT_MANAGER_MNEMONIC_FILE";
  public static final String SEAL_KEY_FILE = "SEAT_MANAGER_KEYS_SEAL_KEY_FILE";
  public static final String STATE_DIR = "SEAT_MANAGER_KEYS_STATE_DIR";
  public static final String SOCKET = "SEAT_MANAGER_KEYS_SOCKET";
  public static final String SOCKET_GROUP = "SEAT_MANAGER_KEYS_SOCKET_GROUP";
  public static final String PORT = "SEAT_MANAGER_KEYS_PORT";
  public static final String SECRET = "SEAT_MANAGER_KEYS_SECRET";
  public static final String GENESIS_FORK_VERSION = "SEAT_MANAGER_GENESIS_FORK_VERSION";

  /** The seal key file; read when the process starts and by {@code keys export}, never printed. */
  public record PasswordSealSource(Path file) {
    public String readHex() throws ManagedKeyException {
      return SecretFile.read(file, SEAL_KEY_FILE);
    }
  }

  public static KeyProcessSettings parse(Environment env) {
    List<String> problems = new ArrayList<>();
    Optional<Path> mnemonic = env.get(MNEMONIC_FILE).map(Path::of);
    if (mnemonic.isEmpty()) {
      problems.add(MNEMONIC_FILE + " is required: the foundation mnemonic's file (mode 600, this process's user only)");
    }
    Optional<Path> seal = env.get(SEAL_KEY_FILE).map(Path::of);
    if (seal.isEmpty()) {
      problems.add(SEAL_KEY_FILE + " is required: a mode-600 file with 64 hex digits (openssl rand -hex 32)");
    } else {
      try {
        String hex = SecretFile.read(seal.get(), SEAL_KEY_FILE);
        if (!hex.strip().matches("[0-9a-fA-F]{64}")) {
          problems.add(SEAL_KEY_FILE + " must hold 64 hex digits (openssl rand -hex 32)");
        }
      } catch (ManagedKeyException e) {
        problems.add(e.getMessage());
      }
    }
    Optional<Path> state = env.get(STATE_DIR).map(Path::of);
    if (state.isEmpty()) {
      problems.add(STATE_DIR + " is required: a directory (mode 700) for the key ledger; back it up");
    } else if (!Files.isDirectory(state.get())) {
      problems.add(STATE_DIR + " must name an existing directory");
    } else if (!ownerOnly(state.get())) {
      problems.add(STATE_DIR + " must have mode 700 (owner only): chmod 700 " + state.get());
    }
    Optional<SharedSecret> secret = Optional.empty();
    if (env.isSet(SECRET)) {
      String s = env.get(SECRET).orElseThrow();
      if (SecretRules.problemWithHexSecret(s).isPresent()) {
        problems.add(SECRET + " must be a 64-hex-character high-entropy secret");
      } else {
        secret = Optional.of(SharedSecret.fromHex(s));
      }
    }
    SignerEndpoint endpoint = null;
    if (env.isSet(SOCKET)) {
      try {
        endpoint = new SignerEndpoint.UnixSocket(Path.of(env.get(SOCKET).orElseThrow()), env.get(SOCKET_GROUP));
      } catch (IllegalArgumentException e) {
        problems.add(SOCKET_GROUP + " must be a group name");
      }
    } else if (env.isSet(PORT)) {
      try {
        endpoint = new SignerEndpoint.LoopbackTcp(Integer.parseInt(env.get(PORT).orElseThrow()));
      } catch (IllegalArgumentException e) {
        problems.add(PORT + " must be a port number (0..65535)");
      }
      if (secret.isEmpty()) {
        problems.add(SECRET + " is required with " + PORT + " (openssl rand -hex 32), shared with api");
      }
    } else {
      problems.add(SOCKET + " (preferred) or " + PORT + " is required: where api reaches the key process");
    }
    ForkVersion fork = null;
    Optional<String> f = env.get(GENESIS_FORK_VERSION);
    if (f.isEmpty() || !f.get().matches("0x[0-9a-fA-F]{8}")) {
      problems.add(GENESIS_FORK_VERSION + " is required: 4 bytes of hex, the fork deposit data is signed for");
    } else {
      fork = ForkVersion.parse(f.get());
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new KeyProcessSettings(mnemonic.get(), new PasswordSealSource(seal.get()), state.get(), endpoint, secret, fork);
  }

  private static boolean ownerOnly(Path dir) {
    try {
      return Files.getPosixFilePermissions(dir).equals(EnumSet.of(PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
