package org.centurion.seatmanager.config;

import static org.centurion.seatmanager.config.ConfigLoader.*;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Deposit verification, the log scan and the key process.
 * One section of {@link ConfigLoader}: problems and warnings go to its {@link EnvReader}.
 */
final class DepositsParser {
  private DepositsParser() {}

  static Config.Deposits deposits(EnvReader r, boolean writesEnabled) {
    boolean verify = r.bool(VERIFY_DEPOSIT_SIGNATURE, true);
    if (!verify) {
      r.warnings.add(VERIFY_DEPOSIT_SIGNATURE + "=false: BLS deposit signatures are NOT verified; "
          + "a bad signature burns 32 CTN");
    }
    Optional<String> fork = r.env.get(GENESIS_FORK_VERSION);
    if (fork.isPresent() && !fork.get().matches("0x[0-9a-fA-F]{8}")) {
      r.problems.add(GENESIS_FORK_VERSION + " must be 4 bytes of hex, e.g. 0x10000910");
      fork = Optional.empty();
    }
    long fromBlock = r.env.isSet(DEPOSIT_CONTRACT_FROM_BLOCK) ? r.positiveLong(DEPOSIT_CONTRACT_FROM_BLOCK, 0) : 0;
    long maxLogRange = r.positiveLong(MAX_LOG_RANGE_BLOCKS, Config.Deposits.DEFAULT_MAX_LOG_RANGE_BLOCKS);
    if (maxLogRange > 1_000_000) {
      r.problems.add(MAX_LOG_RANGE_BLOCKS + " must be at most 1000000 blocks");
    }
    for (String moved : List.of(MNEMONIC_FILE, KEYSTORE_PASSWORD_FILE)) {
      if (r.env.isSet(moved)) {
        r.problems.add(moved + " is read only by the key process ('seat-manager keys serve', its own user), never by "
            + "api or watch: remove it from this environment and set " + KEYS_SOCKET + " (or " + KEYS_PORT + " and "
            + KEYS_SECRET + ") instead");
      }
    }
    Optional<Config.RemoteSigner> keyProcess = Optional.empty();
    if (writesEnabled && (r.env.isSet(KEYS_SOCKET) || r.env.isSet(KEYS_PORT))) {
      keyProcess = Optional.of(keyProcess(r));
      if (fork.isEmpty()) {
        r.problems.add(GENESIS_FORK_VERSION + " is required with managed keys: generated deposit data is verified for it");
      }
    }
    return new Config.Deposits(verify, fork.map(f -> f.toLowerCase(Locale.ROOT)), fromBlock, keyProcess, maxLogRange);
  }

  /** The key process's endpoint: a Unix socket (mode 600 or 660), or a loopback port with a shared secret. */
  private static Config.RemoteSigner keyProcess(EnvReader r) {
    Optional<java.nio.file.Path> socket = r.env.get(KEYS_SOCKET).map(java.nio.file.Path::of);
    Optional<Integer> port = Optional.empty();
    Optional<Secret> secret = Optional.empty();
    if (socket.isEmpty()) {
      int p = r.positiveInt(KEYS_PORT, 0);
      port = p > 0 && p < 65536 ? Optional.of(p) : Optional.empty();
      if (port.isEmpty()) {
        r.problems.add(KEYS_PORT + " must be a port number (1..65535)");
      }
    }
    Optional<String> s = r.env.get(KEYS_SECRET);
    if (s.isPresent() || port.isPresent()) {
      if (s.isEmpty() || SecretRules.problemWithHexSecret(s.get()).isPresent()) {
        r.problems.add(KEYS_SECRET + " must be a 64-hex-character high-entropy secret shared with the key process"
            + " (required with " + KEYS_PORT + ")");
      } else {
        secret = Optional.of(Secret.ofHex(s.get()));
      }
    }
    return new Config.RemoteSigner(socket, port, secret);
  }
}
