package org.centurion.seatmanager.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every variable seat-manager reads, from the environment or {@code .env}. A misspelt one
 * ({@code SEAT_MANAGER_WRITE_ENABLED}) would otherwise be ignored without a word while the default
 * applies: {@link #warnings} names each unknown one with the nearest known name. In the process
 * environment only {@code SEAT_MANAGER_*} names are checked (it holds PATH, HOME, …); in {@code .env}
 * every key is. {@code KnownVariablesTest} keeps this list equal to what the code and the README read.
 */
public final class KnownVariables {
  static final Set<String> NAMES = Set.of(
      "ADMIN_TOKEN",
      "DATABASE_URL",
      "SEAT_MANAGER_ALLOW_MULTIPLE_SEATS_PER_OPERATOR",
      "SEAT_MANAGER_ALLOW_PRIVATE_HTTP_ENDPOINTS",
      "SEAT_MANAGER_ANVIL",
      "SEAT_MANAGER_APPROVALS_REQUIRED",
      "SEAT_MANAGER_WEBHOOKS",
      "SEAT_MANAGER_WEBHOOK_SECRET",
      "SEAT_MANAGER_WEBHOOK_MIN_SEVERITY",
      "SEAT_MANAGER_APPROVAL_TTL_HOURS",
      "SEAT_MANAGER_AUDIT_ANCHOR_EVERY_MINUTES",
      "SEAT_MANAGER_AUDIT_ANCHOR_EVERY_ROWS",
      "SEAT_MANAGER_AUDIT_ANCHOR_FILE",
      "SEAT_MANAGER_AUDIT_CHAIN_KEY",
      "SEAT_MANAGER_AUDIT_CHAIN_KEY_FILE",
      "SEAT_MANAGER_CHAIN_ID",
      "SEAT_MANAGER_CL_API_URLS",
      "SEAT_MANAGER_CONFIRMATIONS",
      "SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS",
      "SEAT_MANAGER_DEPOSIT_CONTRACT_CODEHASH",
      "SEAT_MANAGER_DEPOSIT_CONTRACT_FROM_BLOCK",
      "SEAT_MANAGER_DEPOSIT_LAG_BLOCKS",
      "SEAT_MANAGER_EL_RPC_URLS",
      "SEAT_MANAGER_ENROLLMENT_KEY_FILE",
      "SEAT_MANAGER_ENROLLMENT_TOKEN_HOURS",
      "SEAT_MANAGER_ENV",
      "SEAT_MANAGER_EXIT_IGNORED_EPOCHS",
      "SEAT_MANAGER_GENESIS_FORK_VERSION",
      "SEAT_MANAGER_HOME",
      "SEAT_MANAGER_JAVA_OPTS",
      "SEAT_MANAGER_KEYSTORE_PASSWORD_FILE",
      "SEAT_MANAGER_KEYS_PORT",
      "SEAT_MANAGER_KEYS_SEAL_KEY_FILE",
      "SEAT_MANAGER_KEYS_SECRET",
      "SEAT_MANAGER_KEYS_SOCKET",
      "SEAT_MANAGER_KEYS_SOCKET_GROUP",
      "SEAT_MANAGER_KEYS_STATE_DIR",
      "SEAT_MANAGER_KMS_ENDPOINT",
      "SEAT_MANAGER_KMS_KEY_ID",
      "SEAT_MANAGER_KMS_REGION",
      "SEAT_MANAGER_LOCKOUT_MINUTES",
      "SEAT_MANAGER_LOCKOUT_THRESHOLD",
      "SEAT_MANAGER_LOGIN_ATTEMPTS_PER_IP_PER_MINUTE",
      "SEAT_MANAGER_LOGIN_ATTEMPTS_PER_USER_PER_MINUTE",
      "SEAT_MANAGER_LOG_FORMAT",
      "SEAT_MANAGER_LOG_LEVEL",
      "SEAT_MANAGER_MAX_EXIT_FEE_WEI",
      "SEAT_MANAGER_MAX_FEE_GWEI",
      "SEAT_MANAGER_MAX_LOG_RANGE_BLOCKS",
      "SEAT_MANAGER_MAX_TX_VALUE_WEI",
      "SEAT_MANAGER_METRICS_HOST",
      "SEAT_MANAGER_METRICS_PORT",
      "SEAT_MANAGER_MFA_KEY",
      "SEAT_MANAGER_MFA_KEY_PREVIOUS",
      "SEAT_MANAGER_MIGRATION_DATABASE_URL",
      "SEAT_MANAGER_MIN_AGREEING_ENDPOINTS",
      "SEAT_MANAGER_MNEMONIC_FILE",
      "SEAT_MANAGER_OPENAPI_PUBLIC",
      "SEAT_MANAGER_OPERATION_STUCK_MINUTES",
      "SEAT_MANAGER_OPERATOR_KEY_DAYS",
      "SEAT_MANAGER_OPERATOR_KEY_HASH_SECRET",
      "SEAT_MANAGER_OWNER_ADDRESS",
      "SEAT_MANAGER_OWNER_PRIVATE_KEY",
      "SEAT_MANAGER_OWNER_PRIVATE_KEY_FILE",
      "SEAT_MANAGER_PRINCIPAL_DESTINATION",
      "SEAT_MANAGER_REQUIRE_STAKER_AUTH",
      "SEAT_MANAGER_ROUTER_ADDRESS",
      "SEAT_MANAGER_RUNTIME_DATABASE_ROLE",
      "SEAT_MANAGER_SECURE_COOKIES",
      "SEAT_MANAGER_SESSION_ABSOLUTE_HOURS",
      "SEAT_MANAGER_SESSION_HMAC_SECRET_PREVIOUS",
      "SEAT_MANAGER_SESSION_HMAC_SECRET_PREVIOUS_UNTIL",
      "SEAT_MANAGER_SESSION_IDLE_MINUTES",
      "SEAT_MANAGER_SETTLEMENT_GRACE_MINUTES",
      "SEAT_MANAGER_SIGNER_ADDRESS",
      "SEAT_MANAGER_SIGNER_MAX_DEPOSITS_PER_DAY",
      "SEAT_MANAGER_SIGNER_MAX_GAS",
      "SEAT_MANAGER_SIGNER_PORT",
      "SEAT_MANAGER_SIGNER_SECRET",
      "SEAT_MANAGER_SIGNER_SECRET_FILE",
      "SEAT_MANAGER_SIGNER_SOCKET",
      "SEAT_MANAGER_SIGNER_SOCKET_GROUP",
      "SEAT_MANAGER_SIGNER_STATE_DIR",
      "SEAT_MANAGER_STAKER_KEY_HMAC_SECRET",
      "SEAT_MANAGER_STAKER_KEY_HMAC_SECRET_PREVIOUS",
      "SEAT_MANAGER_STAKER_KEY_HMAC_SECRET_PREVIOUS_UNTIL",
      "SEAT_MANAGER_STATIC_ADMIN_TOKEN",
      "SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET",
      "SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET_WARNING_DAYS",
      "SEAT_MANAGER_STEP_UP_HMAC_SECRET_PREVIOUS",
      "SEAT_MANAGER_STEP_UP_HMAC_SECRET_PREVIOUS_UNTIL",
      "SEAT_MANAGER_TEMPORARY_PASSWORD_HOURS",
      "SEAT_MANAGER_TEST_DATABASE_URL",
      "SEAT_MANAGER_TREASURY_LOW_WATER_CTN",
      "SEAT_MANAGER_VAULT_CLAIM_GRACE_HOURS",
      "SEAT_MANAGER_VAULT_CODEHASH",
      "SEAT_MANAGER_VAULT_CREATION_CODE_FILE",
      "SEAT_MANAGER_VAULT_FACTORY_ADDRESS",
      "SEAT_MANAGER_VAULT_SWEEP_STALL_HOURS",
      "SEAT_MANAGER_VERIFY_DEPOSIT_SIGNATURE",
      "SEAT_MANAGER_WATCHER_STALL_SECONDS",
      "SEAT_MANAGER_WEBAUTHN_ORIGIN",
      "SEAT_MANAGER_WEBAUTHN_RP_ID",
      "SEAT_MANAGER_WRITES_ENABLED",
      "SESSION_HMAC_SECRET",
      "STAKER_CONSOLE_WORKSPACE",
      "STEP_UP_HMAC_SECRET");
  private static final String PREFIX = "SEAT_MANAGER_";
  /** Further apart than this, a guess would mislead more than help. */
  private static final int MAX_SUGGESTION_DISTANCE = 4;

  private KnownVariables() {}

  public static boolean isKnown(String name) {
    return NAMES.contains(name) || NAMES.contains(withoutDerivedSuffix(name));
  }

  /** One warning per unknown variable, sorted: environment names with our prefix and every {@code .env} key. */
  static java.util.List<String> warnings(Environment env) {
    Set<String> unknown = new TreeSet<>();
    for (String name : env.asMap().keySet()) {
      if (name.startsWith(PREFIX) && !isKnown(name)) {
        unknown.add(name);
      }
    }
    for (String name : env.fileKeys()) {
      if (!isKnown(name)) {
        unknown.add(name);
      }
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String name : unknown) {
      Optional<String> near = nearest(name);
      out.add(name + " is not a seat-manager variable and is ignored"
          + near.map(n -> " (did you mean " + n + "?)").orElse(""));
    }
    return out;
  }

  /** {@code X_FILE} and {@code X_PREVIOUS_UNTIL} are read wherever {@code X} / {@code X_PREVIOUS} is. */
  private static String withoutDerivedSuffix(String name) {
    if (name.endsWith("_UNTIL") && name.contains("_PREVIOUS")) {
      return name.substring(0, name.length() - "_UNTIL".length());
    }
    return name;
  }

  static Optional<String> nearest(String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : new TreeSet<>(NAMES)) {
      int d = distance(name.toUpperCase(Locale.ROOT), known);
      if (d < bestDistance) {
        best = known;
        bestDistance = d;
      }
    }
    return bestDistance <= MAX_SUGGESTION_DISTANCE ? Optional.ofNullable(best) : Optional.empty();
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
