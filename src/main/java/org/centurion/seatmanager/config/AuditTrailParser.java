package org.centurion.seatmanager.config;

import static org.centurion.seatmanager.config.ConfigLoader.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The audit chain's key and anchors ({@code SEAT_MANAGER_AUDIT_*}). The key is required in production:
 * without it the chain is plain SHA-256 and whoever can write the database can recompute it.
 * One section of {@link ConfigLoader}: problems and warnings go to its {@link EnvReader}.
 */
final class AuditTrailParser {
  private static final int MAX_KEY_FILE_BYTES = 4096;

  private AuditTrailParser() {}

  static Config.AuditTrail auditTrail(EnvReader r, boolean production) {
    Optional<Secret> key = key(r, production);
    Optional<Path> anchorFile = r.env.get(AUDIT_ANCHOR_FILE).map(String::strip).filter(v -> !v.isEmpty()).map(Path::of);
    if (production && key.isPresent() && anchorFile.isEmpty()) {
      r.warnings.add(AUDIT_ANCHOR_FILE + " is not set: the audit chain is keyed but not anchored, so a truncated tail"
          + " or a rewrite by a holder of the key goes unnoticed");
    }
    int everyRows = r.positiveInt(AUDIT_ANCHOR_EVERY_ROWS, Config.AuditTrail.DEFAULT_EVERY_ROWS);
    int everyMinutes = r.positiveInt(AUDIT_ANCHOR_EVERY_MINUTES, (int) Config.AuditTrail.DEFAULT_EVERY.toMinutes());
    return new Config.AuditTrail(key, anchorFile, everyRows, Duration.ofMinutes(everyMinutes));
  }

  private static Optional<Secret> key(EnvReader r, boolean production) {
    Optional<String> inline = r.env.get(AUDIT_CHAIN_KEY).filter(v -> !v.isBlank());
    Optional<String> file = r.env.get(AUDIT_CHAIN_KEY_FILE).filter(v -> !v.isBlank());
    if (inline.isPresent() && file.isPresent()) {
      r.problems.add(AUDIT_CHAIN_KEY + " and " + AUDIT_CHAIN_KEY_FILE + " are both set: set one");
      return Optional.empty();
    }
    Optional<String> value = inline;
    String from = AUDIT_CHAIN_KEY;
    if (file.isPresent()) {
      from = AUDIT_CHAIN_KEY_FILE;
      try {
        Path p = Path.of(file.get().strip());
        if (Files.size(p) > MAX_KEY_FILE_BYTES) {
          r.problems.add(AUDIT_CHAIN_KEY_FILE + " is too large to be a key file");
          return Optional.empty();
        }
        value = Optional.of(Files.readString(p, StandardCharsets.UTF_8).strip());
      } catch (IOException | RuntimeException e) {
        r.problems.add(AUDIT_CHAIN_KEY_FILE + " cannot be read: check the path and its permissions");
        return Optional.empty();
      }
    }
    if (value.isEmpty()) {
      if (production) {
        r.problems.add(AUDIT_CHAIN_KEY + " is required in production (the audit chain's HMAC key, kept out of the"
            + " database): generate it with 'seat-manager secrets generate'");
      }
      return Optional.empty();
    }
    Optional<String> problem = SecretRules.problemWithHexSecret(value.get());
    if (problem.isPresent()) {
      r.problems.add(from + " " + problem.get() + ": generate a new one with 'seat-manager secrets generate'");
      return Optional.empty();
    }
    return Optional.of(Secret.ofHex(value.get()));
  }
}
