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
  public static final String VERIFY_DEPOSIT_SIGNATURE = "SEAT_MANAGER_VERIFY_DEPOSIT_SIGNATURE";
  public static final String REQUIRE_STAKER_AUTH = "SEAT_MANAGER_REQUIRE_STAKER_AUTH";
  public static final String SESSION_IDLE_MINUTES = "SEAT_MANAGER_SESSION_IDLE_MINUTES";
  public static final String SESSION_ABSOLUTE_HOURS = "SEAT_MANAGER_SESSION_ABSOLUTE_HOURS";
  public static final String LOCKOUT_THRESHOLD = "SEAT_MANAGER_LOCKOUT_THRESHOLD";
  public static final String LOCKOUT_MINUTES = "SEAT_MANAGER_LOCKOUT_MINUTES";
  public static final String LOGIN_PER_IP_PER_MINUTE = "SEAT_MANAGER_LOGIN_ATTEMPTS_PER_IP_PER_MINUTE";
  public static final String LOGIN_PER_USER_PER_MINUTE = "SEAT_MANAGER_LOGIN_ATTEMPTS_PER_USER_PER_MINUTE";
  public static final String GENESIS_FORK_VERSION = "SEAT_MANAGER_GENESIS_FORK_VERSION";

  /** What the command needs: {@code api} needs everything, {@code db} only the database. */
  public enum Scope {
    DATABASE_ONLY,
    FULL
  }

  private final Environment env;
  private final List<String> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private ConfigLoader(Environment env) {
    this.env = env;
  }

  public static Config load(Environment env, String host, int port) {
    return new ConfigLoader(env).build(host, port, Scope.FULL);
  }

  /** The database location alone, for {@code db status|migrate} and other commands that need no secrets. */
  public static DatabaseUrl loadDatabase(Environment env) {
    ConfigLoader l = new ConfigLoader(env);
    DatabaseUrl db = l.database();
    l.failIfProblems();
    return db;
  }

  private Config build(String host, int port, Scope scope) {
    Deployment deployment = deployment();
    boolean production = deployment == Deployment.PRODUCTION;
    boolean loopback = isLoopback(host);
    Config.Http http = new Config.Http(host, port, loopback);
    DatabaseUrl db = database();
    Config.Secrets secrets = secrets();
    Config.Writes writes = writes(loopback);
    Config.Security security = security(production, loopback);
    Config.Deposits deposits = deposits();
    failIfProblems();
    return new Config(deployment, http, secrets, db, writes, security, deposits, List.copyOf(warnings));
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
    if (!enabled) {
      if (hasKey || hasKms) {
        warnings.add("writes are disabled: " + (hasKey ? OWNER_PRIVATE_KEY : KMS_KEY_ID)
            + " is set but ignored and no signing key is loaded");
      }
      return Config.Writes.disabled();
    }
    if (hasKey && hasKms) {
      problems.add(OWNER_PRIVATE_KEY + " and " + KMS_KEY_ID + " are both set: keep only " + KMS_KEY_ID
          + " (preferred) or only the local key");
      return Config.Writes.disabled();
    }
    if (hasKms) {
      return new Config.Writes(true, SignerMode.KMS, Optional.empty(), env.get(KMS_KEY_ID),
          env.get(KMS_REGION), env.get(KMS_ENDPOINT));
    }
    if (!hasKey) {
      problems.add(WRITES_ENABLED + "=true needs a signer: set " + KMS_KEY_ID + " (preferred) or "
          + OWNER_PRIVATE_KEY + ", or set " + WRITES_ENABLED + "=false");
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
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  private Config.Security security(boolean production, boolean loopback) {
    Optional<Secret> token = staticAdminToken();
    Optional<Instant> sunset = sunset();
    boolean secureCookies = bool(SECURE_COOKIES, production);
    boolean requireStakerAuth = bool(REQUIRE_STAKER_AUTH, true);
    if (!requireStakerAuth && !loopback) {
      problems.add(REQUIRE_STAKER_AUTH + "=false is only allowed with a loopback --host (isolated local "
          + "development): remove it or listen on 127.0.0.1");
    }
    if (!requireStakerAuth) {
      warnings.add(REQUIRE_STAKER_AUTH + "=false: staker-facing reads are open without authentication");
    }
    Duration idle = Duration.ofMinutes(positiveInt(SESSION_IDLE_MINUTES, 30));
    Duration absolute = Duration.ofHours(positiveInt(SESSION_ABSOLUTE_HOURS, 12));
    int threshold = positiveInt(LOCKOUT_THRESHOLD, 5);
    Duration lockout = Duration.ofMinutes(positiveInt(LOCKOUT_MINUTES, 15));
    int perIp = positiveInt(LOGIN_PER_IP_PER_MINUTE, 30);
    int perUser = positiveInt(LOGIN_PER_USER_PER_MINUTE, 10);
    return new Config.Security(token, sunset, secureCookies, requireStakerAuth, idle, absolute,
        threshold, lockout, perIp, perUser);
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

  private Config.Deposits deposits() {
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
    return new Config.Deposits(verify, fork.map(f -> f.toLowerCase(Locale.ROOT)));
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
