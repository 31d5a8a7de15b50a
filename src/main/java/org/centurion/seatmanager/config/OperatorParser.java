package org.centurion.seatmanager.config;

import static org.centurion.seatmanager.config.ConfigLoader.ENROLLMENT_KEY_FILE;
import static org.centurion.seatmanager.config.ConfigLoader.ENROLLMENT_TOKEN_HOURS;
import static org.centurion.seatmanager.config.ConfigLoader.OPERATOR_KEY_DAYS;
import static org.centurion.seatmanager.config.ConfigLoader.OPERATOR_KEY_HASH_SECRET;
import static org.centurion.seatmanager.config.ConfigLoader.SESSION_HMAC_SECRET;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The operator's side (issue 16): where the enrollment signing key is, the secret operator API keys
 * are hashed under, and the lifetimes of tokens and keys.
 * One section of {@link ConfigLoader}: problems and warnings go to its {@link EnvReader}.
 */
final class OperatorParser {
  /** The HKDF "info" of the derived operator-key hash secret: documented in docs/security.md. */
  static final String DERIVED_HASH_INFO = "seat-manager/operator-api-key-hash/v1";

  private OperatorParser() {}

  static Config.Operator operator(EnvReader r, boolean production, Secret sessionHmac) {
    Optional<Path> keyFile = r.env.get(ENROLLMENT_KEY_FILE).map(String::strip).filter(s -> !s.isEmpty()).map(Path::of);
    Secret hash;
    if (r.env.isSet(OPERATOR_KEY_HASH_SECRET)) {
      hash = r.hexSecret(OPERATOR_KEY_HASH_SECRET);
      if (hash != null && hash.equals(sessionHmac)) {
        r.problems.add(OPERATOR_KEY_HASH_SECRET + " must differ from " + SESSION_HMAC_SECRET
            + ": generate it with 'seat-manager secrets generate'");
      }
    } else {
      if (production && keyFile.isPresent()) {
        r.problems.add(OPERATOR_KEY_HASH_SECRET + " is required in production when " + ENROLLMENT_KEY_FILE
            + " is set: operator API keys are hashed under their own secret (generate it with 'seat-manager secrets generate')");
      }
      hash = sessionHmac == null ? null : derived(sessionHmac);
    }
    int tokenHours = r.boundedInt(ENROLLMENT_TOKEN_HOURS, 72, 1, 24 * 14);
    int keyDays = r.boundedInt(OPERATOR_KEY_DAYS, 90, 1, 366);
    return new Config.Operator(keyFile, hash, Duration.ofHours(tokenHours), Duration.ofDays(keyDays));
  }

  /**
   * HKDF-SHA256(SESSION_HMAC_SECRET, info {@link #DERIVED_HASH_INFO}): outside production only, so a
   * development setup works without one more secret, and still never hashes two kinds of credential
   * under the same key.
   */
  static Secret derived(Secret sessionHmac) {
    byte[] ikm = sessionHmac.bytes();
    byte[] out = new byte[32];
    try {
      HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
      hkdf.init(new HKDFParameters(ikm, null, DERIVED_HASH_INFO.getBytes(StandardCharsets.UTF_8)));
      hkdf.generateBytes(out, 0, out.length);
      return Secret.ofBytes(out);
    } finally {
      Arrays.fill(ikm, (byte) 0);
      Arrays.fill(out, (byte) 0);
    }
  }
}
