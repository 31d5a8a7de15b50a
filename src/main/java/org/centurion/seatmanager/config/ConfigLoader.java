package org.centurion.seatmanager.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.centurion.seatmanager.config.Config.Deployment;

/**
 * Turns an {@link Environment} into a {@link Config}, or refuses with every problem at once. Each
 * problem names the variable and the fix; no message ever contains a secret's value. The variables'
 * names live here; each section has its own parser ({@code WritesParser}, {@code ChainParser}, …)
 * reading through one {@link EnvReader}, called in a fixed order so the problems keep their order.
 */
public final class ConfigLoader {
  public static final String SESSION_HMAC_SECRET = "SESSION_HMAC_SECRET";
  public static final String STEP_UP_HMAC_SECRET = "STEP_UP_HMAC_SECRET";
  /** The staker keys' own hash key (issue 13): rotating the session secret no longer revokes them. */
  public static final String STAKER_KEY_HMAC_SECRET = "SEAT_MANAGER_STAKER_KEY_HMAC_SECRET";
  /** A rotated secret's previous value, accepted until {@code <name>_UNTIL} (see {@link #previousUntil}). */
  public static final String SESSION_HMAC_SECRET_PREVIOUS = "SEAT_MANAGER_SESSION_HMAC_SECRET_PREVIOUS";
  public static final String STEP_UP_HMAC_SECRET_PREVIOUS = "SEAT_MANAGER_STEP_UP_HMAC_SECRET_PREVIOUS";
  public static final String STAKER_KEY_HMAC_SECRET_PREVIOUS = "SEAT_MANAGER_STAKER_KEY_HMAC_SECRET_PREVIOUS";
  /** How far ahead a session or step-up secret's grace may end: sessions live 24 h at most, step-ups 5 min. */
  public static final Duration MAX_SESSION_ROTATION_GRACE = Duration.ofDays(7);
  /** Staker keys are used rarely (a dashboard, a script): their lookup hash may stay accepted longer. */
  public static final Duration MAX_STAKER_KEY_ROTATION_GRACE = Duration.ofDays(90);
  public static final String MFA_KEY = "SEAT_MANAGER_MFA_KEY";
  public static final String MFA_KEY_PREVIOUS = "SEAT_MANAGER_MFA_KEY_PREVIOUS";
  public static final String WEBAUTHN_ORIGIN = "SEAT_MANAGER_WEBAUTHN_ORIGIN";
  public static final String WEBAUTHN_RP_ID = "SEAT_MANAGER_WEBAUTHN_RP_ID";
  public static final String DATABASE_URL = "DATABASE_URL";
  /** The tables' owner, for {@code db migrate} only; the serving processes never see it. */
  public static final String MIGRATION_DATABASE_URL = "SEAT_MANAGER_MIGRATION_DATABASE_URL";
  /** The role the application connects as; {@code db migrate} grants it exactly what it needs. */
  public static final String RUNTIME_DATABASE_ROLE = "SEAT_MANAGER_RUNTIME_DATABASE_ROLE";
  public static final String ENV = "SEAT_MANAGER_ENV";
  public static final String AUDIT_CHAIN_KEY = "SEAT_MANAGER_AUDIT_CHAIN_KEY";
  public static final String WEBHOOKS = "SEAT_MANAGER_WEBHOOKS";
  public static final String WEBHOOK_SECRET = "SEAT_MANAGER_WEBHOOK_SECRET";
  public static final String WEBHOOK_MIN_SEVERITY = "SEAT_MANAGER_WEBHOOK_MIN_SEVERITY";
  public static final String AUDIT_CHAIN_KEY_FILE = "SEAT_MANAGER_AUDIT_CHAIN_KEY_FILE";
  public static final String AUDIT_ANCHOR_FILE = "SEAT_MANAGER_AUDIT_ANCHOR_FILE";
  public static final String AUDIT_ANCHOR_EVERY_ROWS = "SEAT_MANAGER_AUDIT_ANCHOR_EVERY_ROWS";
  public static final String AUDIT_ANCHOR_EVERY_MINUTES = "SEAT_MANAGER_AUDIT_ANCHOR_EVERY_MINUTES";
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
  public static final String OPENAPI_PUBLIC = "SEAT_MANAGER_OPENAPI_PUBLIC";

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
  /** Plain http:// to a private (not only loopback) address is allowed when true: the network to the node is trusted. */
  public static final String ALLOW_PRIVATE_HTTP_ENDPOINTS = "SEAT_MANAGER_ALLOW_PRIVATE_HTTP_ENDPOINTS";
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
  /** Issue 15: distinct ADMINs an irreversible action needs (default 1); and how long a pending approval lives. */
  public static final String APPROVALS_REQUIRED = "SEAT_MANAGER_APPROVALS_REQUIRED";
  public static final String APPROVAL_TTL_HOURS = "SEAT_MANAGER_APPROVAL_TTL_HOURS";
  public static final String OPERATION_STUCK_MINUTES = "SEAT_MANAGER_OPERATION_STUCK_MINUTES";
  public static final String EXIT_IGNORED_EPOCHS = "SEAT_MANAGER_EXIT_IGNORED_EPOCHS";
  public static final String DEPOSIT_LAG_BLOCKS = "SEAT_MANAGER_DEPOSIT_LAG_BLOCKS";
  public static final String STATIC_ADMIN_TOKEN_SUNSET_WARNING_DAYS = "SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET_WARNING_DAYS";
  public static final String VAULT_SWEEP_STALL_HOURS = "SEAT_MANAGER_VAULT_SWEEP_STALL_HOURS";
  public static final String VAULT_CLAIM_GRACE_HOURS = "SEAT_MANAGER_VAULT_CLAIM_GRACE_HOURS";
  public static final String SETTLEMENT_GRACE_MINUTES = "SEAT_MANAGER_SETTLEMENT_GRACE_MINUTES";
  /** The Ed25519 private key (a JWK, mode 600) enrollment tokens are signed with (issue 16). */
  public static final String ENROLLMENT_KEY_FILE = "SEAT_MANAGER_ENROLLMENT_KEY_FILE";
  /** How long an enrollment token is valid, in hours (1-336, default 72). */
  public static final String ENROLLMENT_TOKEN_HOURS = "SEAT_MANAGER_ENROLLMENT_TOKEN_HOURS";
  /** The HMAC secret operator API keys are stored under (256-bit hex). */
  public static final String OPERATOR_KEY_HASH_SECRET = "SEAT_MANAGER_OPERATOR_KEY_HASH_SECRET";
  /** How long an operator API key is valid, in days (1-366, default 90). */
  public static final String OPERATOR_KEY_DAYS = "SEAT_MANAGER_OPERATOR_KEY_DAYS";

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

  /** {@code SEAT_MANAGER_..._PREVIOUS_UNTIL}: when a previous secret stops being accepted (ISO-8601). */
  public static String previousUntil(String previousName) {
    return previousName + "_UNTIL";
  }

  private final Environment env;
  // every section reports into it, so that one refusal lists every problem
  private final EnvReader in;
  private final List<String> problems;
  private final List<String> warnings;

  private ConfigLoader(Environment env) {
    this.env = env;
    this.in = new EnvReader(env);
    this.problems = in.problems;
    this.warnings = in.warnings;
    warnings.addAll(KnownVariables.warnings(env));
  }

  /** For a process that may build the treasury signer ({@link Process#SIGNING}). */
  public static Config load(Environment env, String host, int port) {
    return load(env, host, port, Process.SIGNING);
  }

  public static Config load(Environment env, String host, int port, Process process) {
    return new ConfigLoader(env).build(host, port, process);
  }

  /** The database location alone, for {@code db status|migrate} and other commands that need no secrets. */
  /** What {@code db migrate} connects as and which runtime role it grants. */
  public static MigrationTarget loadMigrationTarget(Environment env) {
    ConfigLoader l = new ConfigLoader(env);
    MigrationTarget t = DatabaseParser.migration(l.in);
    l.failIfProblems();
    return t;
  }

  /** The audit chain's key and anchors alone, for {@code audit verify} and {@code audit anchor}. */
  public static Config.AuditTrail loadAuditTrail(Environment env) {
    ConfigLoader l = new ConfigLoader(env);
    Config.AuditTrail t = AuditTrailParser.auditTrail(l.in, l.deployment() == Deployment.PRODUCTION);
    l.failIfProblems();
    return t;
  }

  public static DatabaseUrl loadDatabase(Environment env) {
    ConfigLoader l = new ConfigLoader(env);
    DatabaseUrl db = DatabaseParser.database(l.in);
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
      int p = in.positiveInt(METRICS_PORT, 0);
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
    Config.Http http = new Config.Http(host, port, loopback, metricsPort, metricsHost,
        in.bool(OPENAPI_PUBLIC, !production));
    DatabaseUrl db = DatabaseParser.database(in);
    Config.Secrets secrets = SecretsParser.secrets(in, production);
    Config.Writes writes = (process == Process.API ? WritesParser.writesWithoutSigningPower(in)
        : WritesParser.writes(in, loopback)).withSignerAddress(in.address(SIGNER_ADDRESS));
    Config.Security security = SecurityParser.security(in, production, loopback);
    Config.Deposits deposits = DepositsParser.deposits(in, writes.enabled());
    Config.Chain chain = ChainParser.chain(in, production, writes.enabled());
    Config.Alerting alerting = AlertingParser.alerting(in);
    Config.Approvals approvals = ApprovalsParser.approvals(in, production);
    Config.Operator operator = OperatorParser.operator(in, production, secrets.sessionHmac());
    Config.Mfa mfa = MfaParser.mfa(in, production, secrets);
    Config.AuditTrail audit = AuditTrailParser.auditTrail(in, production);
    Config.Notifications notifications = NotificationsParser.notifications(in, production);
    failIfProblems();
    return new Config(deployment, http, secrets, db, writes, security, deposits, chain, alerting, approvals, operator, mfa, audit, notifications,
        List.copyOf(warnings));
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
