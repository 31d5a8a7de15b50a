package org.centurion.seatmanager.config;

import static org.centurion.seatmanager.config.ConfigLoader.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.config.Config.SignerMode;

/**
 * Writes and the treasury signer: a key, KMS or the isolated signer, or none for {@code api}.
 * One section of {@link ConfigLoader}: problems and warnings go to its {@link EnvReader}.
 */
final class WritesParser {
  private WritesParser() {}

  static Config.Writes writes(EnvReader r, boolean loopback) {
    boolean enabled = r.bool(WRITES_ENABLED, false);
    boolean hasKey = r.env.isSet(OWNER_PRIVATE_KEY);
    boolean hasKms = r.env.isSet(KMS_KEY_ID);
    boolean hasRemote = r.env.isSet(SIGNER_SOCKET) || r.env.isSet(SIGNER_PORT);
    if (!enabled) {
      if (hasKey || hasKms) {
        r.warnings.add("writes are disabled: " + (hasKey ? OWNER_PRIVATE_KEY : KMS_KEY_ID)
            + " is set but ignored and no signing key is loaded");
      }
      return Config.Writes.disabled();
    }
    int signers = (hasKey ? 1 : 0) + (hasKms ? 1 : 0) + (hasRemote ? 1 : 0);
    if (signers > 1) {
      r.problems.add("more than one signer is configured (" + OWNER_PRIVATE_KEY + ", " + KMS_KEY_ID + ", "
          + SIGNER_SOCKET + "/" + SIGNER_PORT + "): keep exactly one");
      return Config.Writes.disabled();
    }
    if (hasKms) {
      return new Config.Writes(true, SignerMode.KMS, Optional.empty(), r.env.get(KMS_KEY_ID),
          r.env.get(KMS_REGION), r.env.get(KMS_ENDPOINT), Optional.empty());
    }
    if (hasRemote) {
      return remoteSigner(r);
    }
    if (!hasKey) {
      r.problems.add(WRITES_ENABLED + "=true needs a signer: set " + KMS_KEY_ID + " (preferred), "
          + SIGNER_SOCKET + " (isolated signer) or " + OWNER_PRIVATE_KEY + ", or set " + WRITES_ENABLED + "=false");
      return Config.Writes.disabled();
    }
    if (!loopback) {
      r.problems.add(OWNER_PRIVATE_KEY + " must not be loaded by an API listening beyond loopback "
          + "(runbook §1): use " + KMS_KEY_ID + ", or listen on --host 127.0.0.1 behind a gateway");
    }
    String key = r.env.get(OWNER_PRIVATE_KEY).orElseThrow();
    String hex = key.startsWith("0x") || key.startsWith("0X") ? key.substring(2) : key;
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      r.problems.add(OWNER_PRIVATE_KEY + " must be a 32-byte hex private key (64 hex characters, optional 0x)");
      return Config.Writes.disabled();
    }
    r.warnings.add("writes are enabled with a raw local key (" + OWNER_PRIVATE_KEY + "): prefer " + KMS_KEY_ID);
    return new Config.Writes(true, SignerMode.LOCAL_KEY, Optional.of(Secret.ofHex(hex)),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * {@code api}'s writes: enabled or not, but no key is parsed (not even checked for format), no
   * KMS setting and no signer secret is kept. With writes enabled the operator names the signer's
   * address instead, which preflight compares with the router's active signer.
   */
  static Config.Writes writesWithoutSigningPower(EnvReader r) {
    boolean enabled = r.bool(WRITES_ENABLED, false);
    List<String> ignored = new ArrayList<>();
    for (String name : List.of(OWNER_PRIVATE_KEY, KMS_KEY_ID, SIGNER_SOCKET, SIGNER_PORT, SIGNER_SECRET)) {
      if (r.env.isSet(name)) {
        ignored.add(name);
      }
    }
    if (!ignored.isEmpty()) {
      r.warnings.add("api holds no signing power: " + String.join(", ", ignored) + " ignored (only watch or "
          + "api-watch talk to the signer); remove them from the API's environment");
    }
    if (!enabled) {
      return Config.Writes.disabled();
    }
    if (!r.env.isSet(SIGNER_ADDRESS)) {
      r.problems.add(SIGNER_ADDRESS + " is required for api with writes enabled: api holds no key and checks this "
          + "address (the treasury signer's, as watch uses it) against the router's active signer");
    }
    SignerMode mode = r.env.isSet(KMS_KEY_ID) ? SignerMode.KMS
        : r.env.isSet(SIGNER_SOCKET) || r.env.isSet(SIGNER_PORT) ? SignerMode.REMOTE
        : r.env.isSet(OWNER_PRIVATE_KEY) ? SignerMode.LOCAL_KEY : SignerMode.DISABLED;
    return new Config.Writes(true, mode, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  private static Config.Writes remoteSigner(EnvReader r) {
    Optional<java.nio.file.Path> socket = r.env.get(SIGNER_SOCKET).map(java.nio.file.Path::of);
    Optional<Integer> port = Optional.empty();
    Optional<Secret> secret = Optional.empty();
    if (r.env.isSet(SIGNER_PORT)) {
      int p = r.positiveInt(SIGNER_PORT, 0);
      port = p > 0 && p < 65536 ? Optional.of(p) : Optional.empty();
      Optional<String> s = r.env.get(SIGNER_SECRET);
      if (s.isEmpty() || SecretRules.problemWithHexSecret(s.get()).isPresent()) {
        r.problems.add(SIGNER_PORT + " needs " + SIGNER_SECRET + ", a 64-hex-character high-entropy secret "
            + "shared with the signer process (or use " + SIGNER_SOCKET + ")");
      } else {
        secret = Optional.of(Secret.ofHex(s.get()));
      }
    }
    return new Config.Writes(true, SignerMode.REMOTE, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.of(new Config.RemoteSigner(socket, port, secret)));
  }
}
