package org.centurion.seatmanager.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.centurion.seatmanager.config.Config.Deployment;
import org.centurion.seatmanager.config.Config.SignerMode;

/**
 * Turns an {@link Environment} into a {@link Config}, or refuses with every problem at once. Each
 * problem names the variable and the fix; no message ever contains a secret's value.
 */
public final class ConfigLoader {
  public static final String SESSION_HMAC_SECRET = "SESSION_HMAC_SECRET";
  public static final String STEP_UP_HMAC_SECRET = "STEP_UP_HMAC_SECRET";
  public static final String DATABASE_URL = "DATABASE_URL";
  public static final String ENV = "SEAT_MANAGER_ENV";
  public static final String WRITES_ENABLED = "SEAT_MANAGER_WRITES_ENABLED";
  public static final String OWNER_PRIVATE_KEY = "SEAT_MANAGER_OWNER_PRIVATE_KEY";
  public static final String KMS_KEY_ID = "SEAT_MANAGER_KMS_KEY_ID";
  public static final String KMS_REGION = "SEAT_MANAGER_KMS_REGION";
  public static final String KMS_ENDPOINT = "SEAT_MANAGER_KMS_ENDPOINT";
  public static final String STATIC_ADMIN_TOKEN = "SEAT_MANAGER_STATIC_ADMIN_TOKEN";
  public static final String LEGACY_ADMIN_TOKEN = "ADMIN_TOKEN";
  public static final String STATIC_ADMIN_TOKEN_SUNSET = "SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET";
  public static final String SECURE_COOKIES = "SEAT_MANAGER_SECURE_COOKIES";
  /** How long a temporary password (set by the CLI or an ADMIN) may be used, in hours (1-168, default 24). */
  public static final String TEMPORARY_PASSWORD_HOURS = "SEAT_MANAGER_TEMPORARY_PASSWORD_HOURS";
  /** The longest a static admin token may stay valid in production (issue 13). */
  public static final Duration MAX_STATIC_TOKEN_LIFETIME = Duration.ofDays(90);
  public static final String VERIFY_DEPOSIT_SIGNATURE = "SEAT_MANAGER_VERIFY_DEPOSIT_SIGNATURE";
  public static final String REQUIRE_STAKER_AUTH = "SEAT_MANAGER_REQUIRE_STAKER_AUTH";
  public static final String SESSION_IDLE_MINUTES = "SEAT_MANAGER_SESSION_IDLE_MINUTES";
  public static final String SESSION_ABSOLUTE_HOURS = "SEAT_MANAGER_SESSION_ABSOLUTE_HOURS";
  public static final String LOCKOUT_THRESHOLD = "SEAT_MANAGER_LOCKOUT_THRESHOLD";
  public static final String LOCKOUT_MINUTES = "SEAT_MANAGER_LOCKOUT_MINUTES";
  public static final String LOGIN_PER_IP_PER_MINUTE = "SEAT_MANAGER_LOGIN_ATTEMPTS_PER_IP_PER_MINUTE";
  public static final String LOGIN_PER_USER_PER_MINUTE = "SEAT_MANAGER_LOGIN_ATTEMPTS_PER_USER_PER_MINUTE";
  public static final String GENESIS_FORK_VERSION = "SEAT_MANAGER_GENESIS_FORK_VERSION";
  public static final String METRICS_PORT = "SEAT_MANAGER_METRICS_PORT";
  public static final String METRICS_HOST = "SEAT_MANAGER_METRICS_HOST";
  public static final String DEPOSIT_CONTRACT_FROM_BLOCK = "SEAT_MANAGER_DEPOSIT_CONTRACT_FROM_BLOCK";
  public static final String MAX_LOG_RANGE_BLOCKS = "SEAT_MANAGER_MAX_LOG_RANGE_BLOCKS";
  public static final String MNEMONIC_FILE = "SEAT_MANAGER_MNEMONIC_FILE";
  public static final String KEYSTORE_PASSWORD_FILE = "SEAT_MANAGER_KEYSTORE_PASSWORD_FILE";
  public static final String SIGNER_SOCKET = "SEAT_MANAGER_SIGNER_SOCKET";
  public static final String SIGNER_PORT = "SEAT_MANAGER_SIGNER_PORT";
  public static final String SIGNER_SECRET = "SEAT_MANAGER_SIGNER_SECRET";
  public static final String SIGNER_ADDRESS = "SEAT_MANAGER_SIGNER_ADDRESS";
  public static final String KEYS_SOCKET = "SEAT_MANAGER_KEYS_SOCKET";
  public static final String KEYS_PORT = "SEAT_MANAGER_KEYS_PORT";
  public static final String KEYS_SECRET = "SEAT_MANAGER_KEYS_SECRET";
  public static final String CHAIN_ID = "SEAT_MANAGER_CHAIN_ID";
  public static final String EL_RPC_URLS = "SEAT_MANAGER_EL_RPC_URLS";
  public static final String CL_API_URLS = "SEAT_MANAGER_CL_API_URLS";
  public static final String MIN_AGREEING_ENDPOINTS = "SEAT_MANAGER_MIN_AGREEING_ENDPOINTS";
  public static final String DEPOSIT_CONTRACT = "SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS";
  public static final String VAULT_FACTORY = "SEAT_MANAGER_VAULT_FACTORY_ADDRESS";
  public static final String ROUTER = "SEAT_MANAGER_ROUTER_ADDRESS";
  public static final String PRINCIPAL_DESTINATION = "SEAT_MANAGER_PRINCIPAL_DESTINATION";
  public static final String OWNER_ADDRESS = "SEAT_MANAGER_OWNER_ADDRESS";
  public static final String DEPOSIT_CONTRACT_CODEHASH = "SEAT_MANAGER_DEPOSIT_CONTRACT_CODEHASH";
  public static final String VAULT_CODEHASH = "SEAT_MANAGER_VAULT_CODEHASH";
  public static final String CONFIRMATIONS = "SEAT_MANAGER_CONFIRMATIONS";
  public static final String MAX_FEE_GWEI = "SEAT_MANAGER_MAX_FEE_GWEI";
  public static final String MAX_EXIT_FEE_WEI = "SEAT_MANAGER_MAX_EXIT_FEE_WEI";
  public static final String MAX_DEPOSITS_PER_DAY = "SEAT_MANAGER_SIGNER_MAX_DEPOSITS_PER_DAY";
  public static final String VAULT_CREATION_CODE_FILE = "SEAT_MANAGER_VAULT_CREATION_CODE_FILE";
  public static final String MULTIPLE_SEATS_PER_OPERATOR = "SEAT_MANAGER_ALLOW_MULTIPLE_SEATS_PER_OPERATOR";
  public static final String TREASURY_LOW_WATER_CTN = "SEAT_MANAGER_TREASURY_LOW_WATER_CTN";
  public static final String WATCHER_STALL_SECONDS = "SEAT_MANAGER_WATCHER_STALL_SECONDS";
  public static final String OPERATION_STUCK_MINUTES = "SEAT_MANAGER_OPERATION_STUCK_MINUTES";
  public static final String EXIT_IGNORED_EPOCHS = "SEAT_MANAGER_EXIT_IGNORED_EPOCHS";
  public static final String DEPOSIT_LAG_BLOCKS = "SEAT_MANAGER_DEPOSIT_LAG_BLOCKS";
  public static final String STATIC_ADMIN_TOKEN_SUNSET_WARNING_DAYS = "SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET_WARNING_DAYS";
  public static final String VAULT_SWEEP_STALL_HOURS = "SEAT_MANAGER_VAULT_SWEEP_STALL_HOURS";
  public static final String VAULT_CLAIM_GRACE_HOURS = "SEAT_MANAGER_VAULT_CLAIM_GRACE_HOURS";
  public static final String SETTLEMENT_GRACE_MINUTES = "SEAT_MANAGER_SETTLEMENT_GRACE_MINUTES";

  /**
   * Which kind of process the configuration is for. {@code api} holds no signing power: it enqueues
   * operations, and its configuration never carries a key, KMS settings or the signer's connection
   * secret, whatever the environment holds (issue 12, item 3).
   */
  public enum Process {
    /** {@code api}: serves HTTP and enqueues; never builds a signer, a KMS client or a key. */
    API,
    /** {@code watch}, {@code api-watch}, {@code preflight} and tools: may build the treasury signer. */
    SIGNING
  }

  private final Environment env;
  private final List<String> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private ConfigLoader(Environment env) {
    this.env = env;
  }

  /** For a process that may build the treasury signer ({@link Process#SIGNING}). */
  public static Config load(Environment env, String host, int port) {
    return load(env, host, port, Process.SIGNING);
  }

  public static Config load(Environment env, String host, int port, Process process) {
    return new ConfigLoader(env).build(host, port, process);
  }

  /** The database location alone, for {@code db status|migrate} and other commands that need no secrets. */
  public static DatabaseUrl loadDatabase(Environment env) {
    ConfigLoader l = new ConfigLoader(env);
    DatabaseUrl db = l.database();
    l.failIfProblems();
    return db;
  }

  private Config build(String host, int port, Process process) {
    Deployment deployment = deployment();
    boolean production = deployment == Deployment.PRODUCTION;
    boolean loopback = isLoopback(host);
    if (!production && !loopback) {
      // development relaxes cookies, chain agreement and confirmations: never on a reachable interface
      problems.add(ENV + "=development is only allowed with a loopback --host (127.0.0.1, ::1 or localhost)");
    }
    Optional<Integer> metricsPort = Optional.empty();
    if (env.isSet(METRICS_PORT)) {
      int p = positiveInt(METRICS_PORT, 0);
      if (p > 65_535) {
        problems.add(METRICS_PORT + " must be a port number (1..65535)");
      } else if (p > 0) {
        metricsPort = Optional.of(p);
      }
    }
    String metricsHost = env.get(METRICS_HOST).orElse("127.0.0.1");
    if (metricsPort.isPresent() && !isLoopback(metricsHost)) {
      warnings.add(METRICS_HOST + " is not loopback: metrics (seat counts, endpoint health) are exposed beyond this host");
    }
    Config.Http http = new Config.Http(host, port, loopback, metricsPort, metricsHost);
    DatabaseUrl db = database();
    Config.Secrets secrets = secrets();
    Config.Writes writes = (process == Process.API ? writesWithoutSigningPower() : writes(loopback))
        .withSignerAddress(address(SIGNER_ADDRESS));
    Config.Security security = security(production, loopback);
    Config.Deposits deposits = deposits(writes.enabled());
    Config.Chain chain = chain(production, writes.enabled());
    Config.Alerting alerting = alerting();
    failIfProblems();
    return new Config(deployment, http, secrets, db, writes, security, deposits, chain, alerting, List.copyOf(warnings));
  }

  private void failIfProblems() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  private Deployment deployment() {
    String v = env.get(ENV).orElse("production").toLowerCase(Locale.ROOT);
    return switch (v) {
      case "production" -> Deployment.PRODUCTION;
      case "development" -> Deployment.DEVELOPMENT;
      default -> {
        problems.add(ENV + " must be 'production' or 'development'");
        yield Deployment.PRODUCTION;
      }
    };
  }

  private DatabaseUrl database() {
    Optional<String> raw = env.get(DATABASE_URL);
    if (raw.isEmpty()) {
      problems.add(DATABASE_URL + " is required: set it to postgres://user:password@host:5432/dbname");
      return null;
    }
    try {
      return DatabaseUrl.parse(raw.get());
    } catch (IllegalArgumentException e) {
      problems.add(DATABASE_URL + " " + e.getMessage() + ": expected postgres://user:password@host:5432/dbname");
      return null;
    }
  }

  private Config.Secrets secrets() {
    Secret session = hexSecret(SESSION_HMAC_SECRET);
    Secret stepUp = hexSecret(STEP_UP_HMAC_SECRET);
    if (session != null && stepUp != null && session.equals(stepUp)) {
      problems.add(SESSION_HMAC_SECRET + " and " + STEP_UP_HMAC_SECRET
          + " must differ: generate both with 'seat-manager secrets generate'");
    }
    return new Config.Secrets(session, stepUp);
  }

  private Secret hexSecret(String name) {
    Optional<String> v = env.get(name);
    if (v.isEmpty()) {
      problems.add(name + " is required: generate it with 'seat-manager secrets generate'");
      return null;
    }
    Optional<String> problem = SecretRules.problemWithHexSecret(v.get());
    if (problem.isPresent()) {
      problems.add(name + " " + problem.get() + ": generate a new one with 'seat-manager secrets generate --force'");
      return null;
    }
    return Secret.ofHex(v.get());
  }

  private Config.Writes writes(boolean loopback) {
    boolean enabled = bool(WRITES_ENABLED, false);
    boolean hasKey = env.isSet(OWNER_PRIVATE_KEY);
    boolean hasKms = env.isSet(KMS_KEY_ID);
    boolean hasRemote = env.isSet(SIGNER_SOCKET) || env.isSet(SIGNER_PORT);
    if (!enabled) {
      if (hasKey || hasKms) {
        warnings.add("writes are disabled: " + (hasKey ? OWNER_PRIVATE_KEY : KMS_KEY_ID)
            + " is set but ignored and no signing key is loaded");
      }
      return Config.Writes.disabled();
    }
    int signers = (hasKey ? 1 : 0) + (hasKms ? 1 : 0) + (hasRemote ? 1 : 0);
    if (signers > 1) {
      problems.add("more than one signer is configured (" + OWNER_PRIVATE_KEY + ", " + KMS_KEY_ID + ", "
          + SIGNER_SOCKET + "/" + SIGNER_PORT + "): keep exactly one");
      return Config.Writes.disabled();
    }
    if (hasKms) {
      return new Config.Writes(true, SignerMode.KMS, Optional.empty(), env.get(KMS_KEY_ID),
          env.get(KMS_REGION), env.get(KMS_ENDPOINT), Optional.empty());
    }
    if (hasRemote) {
      return remoteSigner();
    }
    if (!hasKey) {
      problems.add(WRITES_ENABLED + "=true needs a signer: set " + KMS_KEY_ID + " (preferred), "
          + SIGNER_SOCKET + " (isolated signer) or " + OWNER_PRIVATE_KEY + ", or set " + WRITES_ENABLED + "=false");
      return Config.Writes.disabled();
    }
    if (!loopback) {
      problems.add(OWNER_PRIVATE_KEY + " must not be loaded by an API listening beyond loopback "
          + "(runbook §1): use " + KMS_KEY_ID + ", or listen on --host 127.0.0.1 behind a gateway");
    }
    String key = env.get(OWNER_PRIVATE_KEY).orElseThrow();
    String hex = key.startsWith("0x") || key.startsWith("0X") ? key.substring(2) : key;
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      problems.add(OWNER_PRIVATE_KEY + " must be a 32-byte hex private key (64 hex characters, optional 0x)");
      return Config.Writes.disabled();
    }
    warnings.add("writes are enabled with a raw local key (" + OWNER_PRIVATE_KEY + "): prefer " + KMS_KEY_ID);
    return new Config.Writes(true, SignerMode.LOCAL_KEY, Optional.of(Secret.ofHex(hex)),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * {@code api}'s writes: enabled or not, but no key is parsed (not even checked for format), no
   * KMS setting and no signer secret is kept. With writes enabled the operator names the signer's
   * address instead, which preflight compares with the router's active signer.
   */
  private Config.Writes writesWithoutSigningPower() {
    boolean enabled = bool(WRITES_ENABLED, false);
    List<String> ignored = new ArrayList<>();
    for (String name : List.of(OWNER_PRIVATE_KEY, KMS_KEY_ID, SIGNER_SOCKET, SIGNER_PORT, SIGNER_SECRET)) {
      if (env.isSet(name)) {
        ignored.add(name);
      }
    }
    if (!ignored.isEmpty()) {
      warnings.add("api holds no signing power: " + String.join(", ", ignored) + " ignored (only watch or "
          + "api-watch talk to the signer); remove them from the API's environment");
    }
    if (!enabled) {
      return Config.Writes.disabled();
    }
    if (!env.isSet(SIGNER_ADDRESS)) {
      problems.add(SIGNER_ADDRESS + " is required for api with writes enabled: api holds no key and checks this "
          + "address (the treasury signer's, as watch uses it) against the router's active signer");
    }
    SignerMode mode = env.isSet(KMS_KEY_ID) ? SignerMode.KMS
        : env.isSet(SIGNER_SOCKET) || env.isSet(SIGNER_PORT) ? SignerMode.REMOTE
        : env.isSet(OWNER_PRIVATE_KEY) ? SignerMode.LOCAL_KEY : SignerMode.DISABLED;
    return new Config.Writes(true, mode, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  private Config.Writes remoteSigner() {
    Optional<java.nio.file.Path> socket = env.get(SIGNER_SOCKET).map(java.nio.file.Path::of);
    Optional<Integer> port = Optional.empty();
    Optional<Secret> secret = Optional.empty();
    if (env.isSet(SIGNER_PORT)) {
      int p = positiveInt(SIGNER_PORT, 0);
      port = p > 0 && p < 65536 ? Optional.of(p) : Optional.empty();
      Optional<String> s = env.get(SIGNER_SECRET);
      if (s.isEmpty() || SecretRules.problemWithHexSecret(s.get()).isPresent()) {
        problems.add(SIGNER_PORT + " needs " + SIGNER_SECRET + ", a 64-hex-character high-entropy secret "
            + "shared with the signer process (or use " + SIGNER_SOCKET + ")");
      } else {
        secret = Optional.of(Secret.ofHex(s.get()));
      }
    }
    return new Config.Writes(true, SignerMode.REMOTE, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.of(new Config.RemoteSigner(socket, port, secret)));
  }

  private Config.Chain chain(boolean production, boolean writesEnabled) {
    long chainId = positiveInt(CHAIN_ID, 286);
    List<org.centurion.seatmanager.config.NamedEndpoint> el = endpoints(EL_RPC_URLS);
    List<org.centurion.seatmanager.config.NamedEndpoint> cl = endpoints(CL_API_URLS);
    int minAgreeing = positiveInt(MIN_AGREEING_ENDPOINTS, production ? 2 : 1);
    if (production && minAgreeing < 2) {
      problems.add(MIN_AGREEING_ENDPOINTS + " must be at least 2 in production (1 is for development only)");
    }
    Optional<String> deposit = address(DEPOSIT_CONTRACT);
    Optional<String> factory = address(VAULT_FACTORY);
    Optional<String> router = address(ROUTER);
    Optional<String> principal = address(PRINCIPAL_DESTINATION);
    Optional<String> owner = address(OWNER_ADDRESS);
    if (writesEnabled) {
      if (el.isEmpty()) {
        problems.add(EL_RPC_URLS + " is required with writes enabled: label=http://node:8545[,label=…]");
      } else if (el.size() < minAgreeing) {
        problems.add(EL_RPC_URLS + " lists " + el.size() + " endpoint(s) but " + MIN_AGREEING_ENDPOINTS
            + " is " + minAgreeing + ": add endpoints on independent nodes");
      }
      for (var pair : List.of(List.of(DEPOSIT_CONTRACT, deposit), List.of(VAULT_FACTORY, factory),
          List.of(ROUTER, router), List.of(PRINCIPAL_DESTINATION, principal))) {
        if (((Optional<?>) pair.get(1)).isEmpty() && env.get((String) pair.get(0)).isEmpty()) {
          problems.add(pair.get(0) + " is required with writes enabled (a 0x… address; never taken from requests)");
        }
      }
    }
    int confirmations = positiveInt(CONFIRMATIONS, production ? 12 : 1);
    long maxFeeGwei = positiveInt(MAX_FEE_GWEI, 500);
    java.math.BigInteger maxExitFee = java.math.BigInteger.valueOf(positiveLong(MAX_EXIT_FEE_WEI, 10_000_000_000_000_000L));
    return new Config.Chain(chainId, el, cl, minAgreeing, deposit, factory, router, principal, owner,
        hash(DEPOSIT_CONTRACT_CODEHASH), hash(VAULT_CODEHASH), confirmations, maxFeeGwei, maxExitFee,
        bool(MULTIPLE_SEATS_PER_OPERATOR, false), positiveInt(MAX_DEPOSITS_PER_DAY, 10),
        env.get(VAULT_CREATION_CODE_FILE).map(java.nio.file.Path::of));
  }

  /** Alert thresholds; unset variables keep the defaults the watchers always had. */
  private Config.Alerting alerting() {
    Config.Alerting d = Config.Alerting.defaults();
    java.math.BigInteger lowWater = java.math.BigInteger.TEN.pow(18).multiply(java.math.BigInteger.valueOf(
        positiveInt(TREASURY_LOW_WATER_CTN, (int) Config.Alerting.DEFAULT_TREASURY_LOW_WATER_CTN)));
    Duration stall = Duration.ofSeconds(positiveInt(WATCHER_STALL_SECONDS, (int) d.watcherStalledAfter().toSeconds()));
    if (env.isSet(WATCHER_STALL_SECONDS) && stall.toSeconds() < 30) {
      problems.add(WATCHER_STALL_SECONDS + " must be at least 30 (watchers poll every 12-60 s; less would flap)");
    }
    Duration stuck = Duration.ofMinutes(positiveInt(OPERATION_STUCK_MINUTES, (int) d.operationStuckAfter().toMinutes()));
    long exitEpochs = positiveInt(EXIT_IGNORED_EPOCHS, (int) d.exitIgnoredEpochs());
    long lag = positiveInt(DEPOSIT_LAG_BLOCKS, (int) d.depositLagBlocks());
    Duration sunsetWarning = Duration.ofDays(positiveInt(STATIC_ADMIN_TOKEN_SUNSET_WARNING_DAYS,
        (int) d.staticTokenSunsetWarning().toDays()));
    Duration sweep = Duration.ofHours(positiveInt(VAULT_SWEEP_STALL_HOURS, (int) d.vaultSweepStallAfter().toHours()));
    Duration claim = Duration.ofHours(positiveInt(VAULT_CLAIM_GRACE_HOURS, (int) d.vaultClaimGrace().toHours()));
    Duration settlement = Duration.ofMinutes(positiveInt(SETTLEMENT_GRACE_MINUTES, (int) d.settlementGrace().toMinutes()));
    return new Config.Alerting(lowWater, stall, stuck, exitEpochs, lag, sunsetWarning, sweep, claim, settlement);
  }

  private List<org.centurion.seatmanager.config.NamedEndpoint> endpoints(String name) {
    Optional<String> v = env.get(name);
    if (v.isEmpty()) {
      return List.of();
    }
    try {
      return org.centurion.seatmanager.config.NamedEndpoints.parse(v.get());
    } catch (RuntimeException e) {
      problems.add(name + ": " + e.getMessage());
      return List.of();
    }
  }

  private Optional<String> address(String name) {
    Optional<String> v = env.get(name);
    if (v.isPresent() && !v.get().matches("0x[0-9a-fA-F]{40}")) {
      problems.add(name + " must be a 20-byte hex address (0x followed by 40 hex characters)");
      return Optional.empty();
    }
    return v.map(a -> a.toLowerCase(Locale.ROOT));
  }

  private Optional<String> hash(String name) {
    Optional<String> v = env.get(name);
    if (v.isPresent() && !v.get().matches("0x[0-9a-fA-F]{64}")) {
      problems.add(name + " must be a 32-byte hex hash (0x followed by 64 hex characters)");
      return Optional.empty();
    }
    return v.map(a -> a.toLowerCase(Locale.ROOT));
  }

  private long positiveLong(String name, long dflt) {
    Optional<String> v = env.get(name);
    if (v.isEmpty()) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.get());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    problems.add(name + " must be a positive whole number");
    return dflt;
  }

  /** A positive whole number within [min, max]; outside it, one problem line naming the bounds. */
  private int boundedInt(String name, int dflt, int min, int max) {
    if (!env.isSet(name)) {
      return dflt;
    }
    int before = problems.size();
    int v = positiveInt(name, dflt);
    if (problems.size() == before && (v < min || v > max)) {
      problems.add(name + " must be between " + min + " and " + max);
      return dflt;
    }
    return v;
  }

  private Config.Security security(boolean production, boolean loopback) {
    Optional<Secret> token = staticAdminToken();
    Optional<Instant> sunset = sunset();
    if (production && token.isPresent()) {
      Instant latest = Instant.now().plus(MAX_STATIC_TOKEN_LIFETIME);
      if (sunset.isEmpty()) {
        problems.add(STATIC_ADMIN_TOKEN_SUNSET + " is required in production while a static admin token is set "
            + "(at most " + MAX_STATIC_TOKEN_LIFETIME.toDays() + " days ahead)");
      } else if (sunset.get().isAfter(latest)) {
        problems.add(STATIC_ADMIN_TOKEN_SUNSET + " may be at most " + MAX_STATIC_TOKEN_LIFETIME.toDays()
            + " days ahead in production (rotate the token and set a new sunset)");
      }
    }
    boolean secureCookies = bool(SECURE_COOKIES, production);
    if (production && !secureCookies) {
      problems.add(SECURE_COOKIES + "=false is refused in production: session cookies must be Secure (TLS)");
    }
    boolean requireStakerAuth = bool(REQUIRE_STAKER_AUTH, true);
    if (!requireStakerAuth && !loopback) {
      problems.add(REQUIRE_STAKER_AUTH + "=false is only allowed with a loopback --host (isolated local "
          + "development): remove it or listen on 127.0.0.1");
    }
    if (!requireStakerAuth) {
      warnings.add(REQUIRE_STAKER_AUTH + "=false: staker-facing reads are open without authentication");
    }
    // bounds that keep each setting meaningful (ASVS V3.3, V2.2.1): a 0 or a year-long session, or a
    // lockout threshold of 1000, would silently switch the control off
    Duration idle = Duration.ofMinutes(boundedInt(SESSION_IDLE_MINUTES, 30, 1, 60));
    Duration absolute = Duration.ofHours(boundedInt(SESSION_ABSOLUTE_HOURS, 12, 1, 24));
    int threshold = boundedInt(LOCKOUT_THRESHOLD, 5, 3, 10);
    Duration lockout = Duration.ofMinutes(boundedInt(LOCKOUT_MINUTES, 15, 1, 1440));
    int perIp = boundedInt(LOGIN_PER_IP_PER_MINUTE, 30, 1, 1000);
    int perUser = boundedInt(LOGIN_PER_USER_PER_MINUTE, 10, 1, 100);
    Duration temporary = Duration.ofHours(boundedInt(TEMPORARY_PASSWORD_HOURS, 24, 1, 168));
    return new Config.Security(token, sunset, secureCookies, requireStakerAuth, idle, absolute,
        threshold, lockout, perIp, perUser, temporary, production ? 20 : 16);
  }

  private Optional<Secret> staticAdminToken() {
    Optional<String> v = env.get(STATIC_ADMIN_TOKEN);
    String source = STATIC_ADMIN_TOKEN;
    if (v.isEmpty() && env.isSet(LEGACY_ADMIN_TOKEN)) {
      v = env.get(LEGACY_ADMIN_TOKEN);
      source = LEGACY_ADMIN_TOKEN;
      warnings.add(LEGACY_ADMIN_TOKEN + " is deprecated: rename it to " + STATIC_ADMIN_TOKEN);
    }
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String t = v.get();
    if (t.length() < 32 || t.chars().distinct().count() < 12 || SecretRules.isPublished(t)) {
      problems.add(source + " must be at least 32 characters of high entropy: generate one with "
          + "'openssl rand -hex 32', or unset it and use sessions");
      return Optional.empty();
    }
    warnings.add("a static admin token is configured: every use is audited; prefer sessions with step-up");
    return Optional.of(Secret.ofBytes(t.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private Optional<Instant> sunset() {
    Optional<String> v = env.get(STATIC_ADMIN_TOKEN_SUNSET);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String s = v.get();
    try {
      return Optional.of(OffsetDateTime.parse(s).toInstant());
    } catch (DateTimeParseException notDateTime) {
      try {
        return Optional.of(Instant.parse(s));
      } catch (DateTimeParseException notInstant) {
        try {
          return Optional.of(LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException notDate) {
          problems.add(STATIC_ADMIN_TOKEN_SUNSET + " is not an ISO-8601 date or date-time "
              + "(e.g. 2026-12-31 or 2026-12-31T00:00:00Z)");
          return Optional.empty();
        }
      }
    }
  }

  private Config.Deposits deposits(boolean writesEnabled) {
    boolean verify = bool(VERIFY_DEPOSIT_SIGNATURE, true);
    if (!verify) {
      warnings.add(VERIFY_DEPOSIT_SIGNATURE + "=false: BLS deposit signatures are NOT verified; "
          + "a bad signature burns 32 CTN");
    }
    Optional<String> fork = env.get(GENESIS_FORK_VERSION);
    if (fork.isPresent() && !fork.get().matches("0x[0-9a-fA-F]{8}")) {
      problems.add(GENESIS_FORK_VERSION + " must be 4 bytes of hex, e.g. 0x10000910");
      fork = Optional.empty();
    }
    long fromBlock = env.isSet(DEPOSIT_CONTRACT_FROM_BLOCK) ? positiveLong(DEPOSIT_CONTRACT_FROM_BLOCK, 0) : 0;
    long maxLogRange = positiveLong(MAX_LOG_RANGE_BLOCKS, Config.Deposits.DEFAULT_MAX_LOG_RANGE_BLOCKS);
    if (maxLogRange > 1_000_000) {
      problems.add(MAX_LOG_RANGE_BLOCKS + " must be at most 1000000 blocks");
    }
    for (String moved : List.of(MNEMONIC_FILE, KEYSTORE_PASSWORD_FILE)) {
      if (env.isSet(moved)) {
        problems.add(moved + " is read only by the key process ('seat-manager keys serve', its own user), never by "
            + "api or watch: remove it from this environment and set " + KEYS_SOCKET + " (or " + KEYS_PORT + " and "
            + KEYS_SECRET + ") instead");
      }
    }
    Optional<Config.RemoteSigner> keyProcess = Optional.empty();
    if (writesEnabled && (env.isSet(KEYS_SOCKET) || env.isSet(KEYS_PORT))) {
      keyProcess = Optional.of(keyProcess());
      if (fork.isEmpty()) {
        problems.add(GENESIS_FORK_VERSION + " is required with managed keys: generated deposit data is verified for it");
      }
    }
    return new Config.Deposits(verify, fork.map(f -> f.toLowerCase(Locale.ROOT)), fromBlock, keyProcess, maxLogRange);
  }

  /** The key process's endpoint: a Unix socket (mode 600 or 660), or a loopback port with a shared secret. */
  private Config.RemoteSigner keyProcess() {
    Optional<java.nio.file.Path> socket = env.get(KEYS_SOCKET).map(java.nio.file.Path::of);
    Optional<Integer> port = Optional.empty();
    Optional<Secret> secret = Optional.empty();
    if (socket.isEmpty()) {
      int p = positiveInt(KEYS_PORT, 0);
      port = p > 0 && p < 65536 ? Optional.of(p) : Optional.empty();
      if (port.isEmpty()) {
        problems.add(KEYS_PORT + " must be a port number (1..65535)");
      }
    }
    Optional<String> s = env.get(KEYS_SECRET);
    if (s.isPresent() || port.isPresent()) {
      if (s.isEmpty() || SecretRules.problemWithHexSecret(s.get()).isPresent()) {
        problems.add(KEYS_SECRET + " must be a 64-hex-character high-entropy secret shared with the key process"
            + " (required with " + KEYS_PORT + ")");
      } else {
        secret = Optional.of(Secret.ofHex(s.get()));
      }
    }
    return new Config.RemoteSigner(socket, port, secret);
  }

  private boolean bool(String name, boolean dflt) {
    Optional<String> v = env.get(name);
    if (v.isEmpty()) {
      return dflt;
    }
    return switch (v.get().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> {
        problems.add(name + " must be true or false");
        yield dflt;
      }
    };
  }

  private int positiveInt(String name, int dflt) {
    Optional<String> v = env.get(name);
    if (v.isEmpty()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    problems.add(name + " must be a positive whole number");
    return dflt;
  }

  /** Loopback names and addresses only; a wildcard or any interface address is not. */
  public static boolean isLoopback(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false; // a DNS name other than localhost could resolve anywhere
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
