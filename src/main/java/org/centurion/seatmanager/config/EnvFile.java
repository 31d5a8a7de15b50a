package org.centurion.seatmanager.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code .env} file: {@code NAME=value} lines, {@code #} comments, optional {@code export } and
 * quotes. Refused when group or others may read or write it, because it holds the HMAC secrets.
 */
public final class EnvFile {
  private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private EnvFile() {}

  /** Reads the file, or an empty map when it does not exist. */
  public static Map<String, String> read(Path file) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
      return Map.of();
    }
    requireOwnerOnly(file, "the .env file");
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Fails unless only the owner may read or write {@code file} (mode 600 or stricter). */
  public static void requireOwnerOnly(Path file, String what) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
        throw new ConfigException(what + " " + file + " is readable or writable by group or others: "
            + "run 'chmod 600 " + file + "'");
      }
    } catch (UnsupportedOperationException | IOException e) {
      throw new ConfigException(what + " " + file + ": cannot check its permissions ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  static Map<String, String> parse(List<String> lines, Path source) {
    Map<String, String> out = new LinkedHashMap<>();
    int n = 0;
    for (String raw : lines) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        // Never echo the line: it may hold a secret.
        throw new ConfigException(source + " line " + n + ": expected NAME=value");
      }
      String name = line.substring(0, eq).strip();
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new ConfigException(source + " line " + n + ": invalid variable name");
      }
      out.put(name, unquote(line.substring(eq + 1).strip()));
    }
    return out;
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    int hash = v.indexOf(" #");
    return hash >= 0 ? v.substring(0, hash).strip() : v;
  }
}
