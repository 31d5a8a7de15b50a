package org.centurion.seatmanager.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operator's workspace: {@code operator-key.json} (seat, key id, the key, its expiry, the API),
 * written mode 600 through a mode-600 temporary file and an atomic move, so the key is never readable
 * by anyone else, not even for a moment.
 */
final class OperatorWorkspace {
  static final String KEY_FILE = "operator-key.json";
  static final String ENV = "STAKER_CONSOLE_WORKSPACE";
  private static final Set<PosixFilePermission> MODE_600 =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path dir;

  OperatorWorkspace(Path dir) {
    this.dir = dir;
  }

  /** The workspace named by the option, else by STAKER_CONSOLE_WORKSPACE. */
  static OperatorWorkspace of(Path option) {
    if (option != null) {
      return new OperatorWorkspace(option);
    }
    String env = System.getenv(ENV);
    if (env == null || env.isBlank()) {
      throw new IllegalArgumentException("name the workspace with --workspace DIR or " + ENV);
    }
    return new OperatorWorkspace(Path.of(env));
  }

  Path keyFile() {
    return dir.resolve(KEY_FILE);
  }

  /** A stored key. */
  record StoredKey(long seatId, long keyId, String key, String expiresAt, String api) {
    @Override
    public String toString() {
      return "StoredKey[seat " + seatId + ", key " + keyId + ", secret redacted]";
    }
  }

  void write(StoredKey k) throws IOException {
    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE)));
    ObjectNode n = JSON.createObjectNode();
    n.put("seatId", k.seatId());
    n.put("keyId", k.keyId());
    n.put("key", k.key());
    n.put("expiresAt", k.expiresAt());
    n.put("api", k.api());
    Path tmp = Files.createTempFile(dir, ".operator-key", ".tmp", PosixFilePermissions.asFileAttribute(MODE_600));
    try {
      Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, keyFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The stored key; refused when the file is readable by others (someone may have copied it). */
  StoredKey read() throws IOException {
    Path f = keyFile();
    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("no operator key in " + dir + ": run 'seat-manager operator onboard' first");
    }
    if (!Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS).equals(MODE_600)) {
      throw new IOException(f + " must have mode 600 (owner read and write only); run chmod 600 on it");
    }
    JsonNode n = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
    return new StoredKey(n.path("seatId").asLong(), n.path("keyId").asLong(), n.path("key").asString(),
        n.path("expiresAt").asString(), n.path("api").asString());
  }
}
