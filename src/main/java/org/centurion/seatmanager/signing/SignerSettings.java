package org.centurion.seatmanager.signing;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the {@code signer} process, the one place it reads its environment. Every problem
 * is reported at once, each naming its variable; values of secrets are never echoed.
 *
 * <table>
 * <tr><td>SEAT_MANAGER_SIGNER_SOCKET</td><td>Unix socket path (mode 600), or</td></tr>
 * <tr><td>SEAT_MANAGER_SIGNER_SOCKET_GROUP</td><td>optional: mode 660 with this group instead</td></tr>
 * <tr><td>SEAT_MANAGER_SIGNER_PORT</td><td>loopback TCP port (needs the secret)</td></tr>
 * <tr><td>SEAT_MANAGER_SIGNER_SECRET / _FILE</td><td>HMAC key, ≥ 64 hex digits</td></tr>
 * <tr><td>SEAT_MANAGER_CHAIN_ID</td><td>the only chain id signed for</td></tr>
 * <tr><td>SEAT_MANAGER_ROUTER_ADDRESS</td><td>the only target signed for</td></tr>
 * <tr><td>SEAT_MANAGER_MAX_TX_VALUE_WEI</td><td>value cap per transaction</td></tr>
 * <tr><td>SEAT_MANAGER_MAX_FEE_GWEI</td><td>maxFeePerGas cap</td></tr>
 * <tr><td>SEAT_MANAGER_SIGNER_MAX_GAS</td><td>gasLimit cap, default 3,000,000</td></tr>
 * <tr><td>SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS</td><td>the only deposit contract</td></tr>
 * <tr><td>SEAT_MANAGER_VAULT_FACTORY_ADDRESS</td><td>the only factory; vaults are derived from it</td></tr>
 * <tr><td>SEAT_MANAGER_PRINCIPAL_DESTINATION</td><td>part of every vault's init code</td></tr>
 * <tr><td>SEAT_MANAGER_VAULT_CREATION_CODE_FILE</td><td>optional: vault creation code (default: bundled reference)</td></tr>
 * <tr><td>SEAT_MANAGER_MAX_EXIT_FEE_WEI</td><td>exit request fee cap, default 10^16</td></tr>
 * <tr><td>SEAT_MANAGER_SIGNER_MAX_DEPOSITS_PER_DAY</td><td>velocity limit, default 10</td></tr>
 * <tr><td>SEAT_MANAGER_SIGNER_STATE_DIR</td><td>the signer's own deposit ledger and decision log (mode 700)</td></tr>
 * <tr><td>SEAT_MANAGER_OWNER_PRIVATE_KEY / _FILE</td><td>local key, or</td></tr>
 * <tr><td>SEAT_MANAGER_KMS_KEY_ID, SEAT_MANAGER_KMS_REGION, SEAT_MANAGER_KMS_ENDPOINT</td><td>KMS key</td></tr>
 * </table>
 */
public record SignerSettings(
    SignerEndpoint endpoint, Optional<SharedSecret> secret, SignerPolicy policy, TreasuryRules treasury, KeySource keySource) {

  public static final String SOCKET = "SEAT_MANAGER_SIGNER_SOCKET";
  public static final String SOCKET_GROUP = "SEAT_MANAGER_SIGNER_SOCKET_GROUP";
  public static final String PORT = "SEAT_MANAGER_SIGNER_PORT";
  public static final String SECRET = "SEAT_MANAGER_SIGNER_SECRET";
  public static final String SECRET_FILE = "SEAT_MANAGER_SIGNER_SECRET_FILE";
  public static final String CHAIN_ID = "SEAT_MANAGER_CHAIN_ID";
  public static final String ROUTER = "SEAT_MANAGER_ROUTER_ADDRESS";
  public static final String MAX_VALUE_WEI = "SEAT_MANAGER_MAX_TX_VALUE_WEI";
  public static final String MAX_FEE_GWEI = "SEAT_MANAGER_MAX_FEE_GWEI";
  public static final String MAX_GAS = "SEAT_MANAGER_SIGNER_MAX_GAS";
  public static final String DEPOSIT_CONTRACT = "SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS";
  public static final String VAULT_FACTORY = "SEAT_MANAGER_VAULT_FACTORY_ADDRESS";
  public static final String PRINCIPAL_DESTINATION = "SEAT_MANAGER_PRINCIPAL_DESTINATION";
  public static final String VAULT_CREATION_CODE_FILE = org.centurion.seatmanager.abi.VaultCreationCode.FILE_VARIABLE;
  public static final String MAX_EXIT_FEE_WEI = "SEAT_MANAGER_MAX_EXIT_FEE_WEI";
  public static final String MAX_DEPOSITS_PER_DAY = "SEAT_MANAGER_SIGNER_MAX_DEPOSITS_PER_DAY";
  public static final String STATE_DIR = "SEAT_MANAGER_SIGNER_STATE_DIR";
  public static final int DEFAULT_MAX_DEPOSITS_PER_DAY = 10;
  public static final BigInteger DEFAULT_MAX_EXIT_FEE_WEI = BigInteger.TEN.pow(16);
  public static final String PRIVATE_KEY = "SEAT_MANAGER_OWNER_PRIVATE_KEY";
  public static final String PRIVATE_KEY_FILE = "SEAT_MANAGER_OWNER_PRIVATE_KEY_FILE";
  public static final String KMS_KEY_ID = "SEAT_MANAGER_KMS_KEY_ID";
  public static final String KMS_REGION = "SEAT_MANAGER_KMS_REGION";
  public static final String KMS_ENDPOINT = "SEAT_MANAGER_KMS_ENDPOINT";

  /** How the signer obtains its key; {@code LocalKey} never prints its content. */
  public sealed interface KeySource {
    record LocalKey(char[] hex) implements KeySource {
      @Override
      public String toString() {
        return "LocalKey[<redacted>]";
      }
    }

    record Kms(KmsSettings settings) implements KeySource {}
  }

  /**
   * What the treasury policy needs besides the outer caps, all from the signer's own environment.
   *
   * @param stateDir holds {@code deposit-ledger} (the velocity limit's memory) and {@code decisions.jsonl}
   */
  public record TreasuryRules(String depositContract, org.centurion.seatmanager.abi.VaultDerivation vaults,
      BigInteger maxExitFeeWei, int maxDepositsPerDay, Path stateDir) {
    public Path ledgerFile() {
      return stateDir.resolve("deposit-ledger");
    }

    public Path decisionLogFile() {
      return stateDir.resolve("decisions.jsonl");
    }
  }

  /** Thrown with every problem found, one per line, each naming its variable. */
  public static final class InvalidSettingsException extends IllegalArgumentException {
    public InvalidSettingsException(List<String> problems) {
      super("invalid signer settings:\n  " + String.join("\n  ", problems));
    }
  }

  public static SignerSettings parse(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    SignerEndpoint endpoint = endpoint(env, problems);
    Optional<SharedSecret> secret = secret(env, problems);
    if (endpoint instanceof SignerEndpoint.LoopbackTcp && secret.isEmpty()) {
      problems.add(SECRET + ": required when the signer listens on a TCP port");
    }
    SignerPolicy policy = policy(env, problems);
    TreasuryRules treasury = treasury(env, policy == null ? null : policy.router(), problems);
    KeySource key = keySource(env, problems);
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
    return new SignerSettings(endpoint, secret, policy, treasury, key);
  }

  private static SignerEndpoint endpoint(Map<String, String> env, List<String> problems) {
    String socket = value(env, SOCKET);
    String port = value(env, PORT);
    if ((socket == null) == (port == null)) {
      problems.add(SOCKET + " or " + PORT + ": set exactly one");
      return null;
    }
    if (socket != null) {
      try {
        return new SignerEndpoint.UnixSocket(Path.of(socket), Optional.ofNullable(value(env, SOCKET_GROUP)));
      } catch (IllegalArgumentException e) {
        problems.add(SOCKET + "/" + SOCKET_GROUP + ": " + e.getMessage());
        return null;
      }
    }
    try {
      int p = Integer.parseInt(port);
      if (p < 1 || p > 65535) {
        throw new NumberFormatException();
      }
      return new SignerEndpoint.LoopbackTcp(p);
    } catch (NumberFormatException e) {
      problems.add(PORT + ": must be a port number in [1, 65535]");
      return null;
    }
  }

  private static Optional<SharedSecret> secret(Map<String, String> env, List<String> problems) {
    String hex = valueOrFile(env, SECRET, SECRET_FILE, problems);
    if (hex == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(SharedSecret.fromHex(hex));
    } catch (IllegalArgumentException e) {
      problems.add(SECRET + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private static SignerPolicy policy(Map<String, String> env, List<String> problems) {
    Long chainId = positiveLong(env, CHAIN_ID, problems);
    String router = value(env, ROUTER);
    if (router == null || !router.matches("0x[0-9a-fA-F]{40}")) {
      problems.add(ROUTER + ": required, a 0x-prefixed 20-byte address");
      router = null;
    }
    BigInteger maxValue = null;
    String v = value(env, MAX_VALUE_WEI);
    if (v == null || !v.matches("[0-9]{1,78}")) {
      problems.add(MAX_VALUE_WEI + ": required, a non-negative integer number of wei");
    } else {
      maxValue = new BigInteger(v);
    }
    BigInteger maxFeeWei = null;
    String fee = value(env, MAX_FEE_GWEI);
    try {
      BigDecimal gwei = new BigDecimal(fee == null ? "" : fee);
      maxFeeWei = gwei.movePointRight(9).toBigIntegerExact();
      if (maxFeeWei.signum() <= 0) {
        throw new ArithmeticException();
      }
    } catch (NumberFormatException | ArithmeticException e) {
      problems.add(MAX_FEE_GWEI + ": required, a positive number of gwei (at most 9 decimals)");
      maxFeeWei = null;
    }
    Long maxGas = env.containsKey(MAX_GAS) ? positiveLong(env, MAX_GAS, problems) : Long.valueOf(3_000_000);
    if (chainId == null || router == null || maxValue == null || maxFeeWei == null || maxGas == null) {
      return null;
    }
    return new SignerPolicy(chainId, router, maxValue, maxFeeWei, BigInteger.valueOf(maxGas));
  }

  private static TreasuryRules treasury(Map<String, String> env, String router, List<String> problems) {
    String deposit = address(env, DEPOSIT_CONTRACT, problems);
    String factory = address(env, VAULT_FACTORY, problems);
    String principal = address(env, PRINCIPAL_DESTINATION, problems);
    byte[] code = null;
    String codeFile = value(env, VAULT_CREATION_CODE_FILE);
    try {
      code = codeFile == null ? org.centurion.seatmanager.abi.VaultCreationCode.reference()
          : org.centurion.seatmanager.abi.VaultCreationCode.fromFile(Path.of(codeFile));
    } catch (IOException e) {
      problems.add(VAULT_CREATION_CODE_FILE + ": " + e.getMessage());
    }
    BigInteger exitFee = DEFAULT_MAX_EXIT_FEE_WEI;
    String fee = value(env, MAX_EXIT_FEE_WEI);
    if (fee != null) {
      if (fee.matches("[0-9]{1,30}")) {
        exitFee = new BigInteger(fee);
      } else {
        problems.add(MAX_EXIT_FEE_WEI + ": a non-negative integer number of wei");
      }
    }
    Long perDay = env.containsKey(MAX_DEPOSITS_PER_DAY) ? positiveLong(env, MAX_DEPOSITS_PER_DAY, problems)
        : Long.valueOf(DEFAULT_MAX_DEPOSITS_PER_DAY);
    Path stateDir = null;
    String dir = value(env, STATE_DIR);
    if (dir == null || !Files.isDirectory(Path.of(dir))) {
      problems.add(STATE_DIR + ": required, an existing directory for the deposit ledger and the decision log");
    } else {
      stateDir = Path.of(dir);
    }
    if (router == null || deposit == null || factory == null || principal == null || code == null || perDay == null
        || stateDir == null) {
      return null;
    }
    return new TreasuryRules(deposit,
        new org.centurion.seatmanager.abi.VaultDerivation(factory, router, principal, code), exitFee,
        Math.toIntExact(Math.min(perDay, Integer.MAX_VALUE)), stateDir);
  }

  private static String address(Map<String, String> env, String name, List<String> problems) {
    String v = value(env, name);
    if (v == null || !v.matches("0x[0-9a-fA-F]{40}")) {
      problems.add(name + ": required, a 0x-prefixed 20-byte address");
      return null;
    }
    return v.toLowerCase(java.util.Locale.ROOT);
  }

  private static KeySource keySource(Map<String, String> env, List<String> problems) {
    boolean local = value(env, PRIVATE_KEY) != null || value(env, PRIVATE_KEY_FILE) != null;
    String kmsKey = value(env, KMS_KEY_ID);
    if (local && kmsKey != null) {
      problems.add(PRIVATE_KEY + " and " + KMS_KEY_ID + ": set only one key source");
      return null;
    }
    if (kmsKey != null) {
      try {
        Optional<URI> endpoint = Optional.ofNullable(value(env, KMS_ENDPOINT)).map(URI::create);
        return new KeySource.Kms(new KmsSettings(kmsKey, value(env, KMS_REGION), endpoint, Duration.ofSeconds(10)));
      } catch (IllegalArgumentException e) {
        problems.add(KMS_KEY_ID + "/" + KMS_REGION + "/" + KMS_ENDPOINT + ": " + e.getMessage());
        return null;
      }
    }
    String hex = valueOrFile(env, PRIVATE_KEY, PRIVATE_KEY_FILE, problems);
    if (hex == null) {
      if (!local) {
        problems.add(PRIVATE_KEY + " (or _FILE) or " + KMS_KEY_ID + ": a key source is required");
      }
      return null;
    }
    return new KeySource.LocalKey(hex.strip().toCharArray());
  }

  private static Long positiveLong(Map<String, String> env, String name, List<String> problems) {
    String v = value(env, name);
    try {
      long l = Long.parseLong(v == null ? "" : v);
      if (l <= 0) {
        throw new NumberFormatException();
      }
      return l;
    } catch (NumberFormatException e) {
      problems.add(name + ": required, a positive integer");
      return null;
    }
  }

  private static String valueOrFile(Map<String, String> env, String name, String fileName, List<String> problems) {
    String direct = value(env, name);
    String file = value(env, fileName);
    if (direct != null && file != null) {
      problems.add(name + " and " + fileName + ": set only one");
      return null;
    }
    if (file == null) {
      return direct;
    }
    try {
      byte[] bytes = Files.readAllBytes(Path.of(file));
      CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes));
      java.util.Arrays.fill(bytes, (byte) 0);
      return chars.toString().strip();
    } catch (IOException e) {
      problems.add(fileName + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
      return null;
    }
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
