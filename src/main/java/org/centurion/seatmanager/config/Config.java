package org.centurion.seatmanager.config;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a seat-manager process runs with, parsed and validated once at start by
 * {@link ConfigLoader}. Immutable; secrets are {@link Secret}s and never print.
 */
public record Config(
    Deployment deployment,
    Http http,
    Secrets secrets,
    DatabaseUrl database,
    Writes writes,
    Security security,
    Deposits deposits,
    Chain chain,
    Alerting alerting,
    Approvals approvals,
    Operator operator,
    Mfa mfa,
    AuditTrail audit,
    Notifications notifications,
    List<String> warnings) {

  /**
   * Pushed alert notifications (issue 17).
   *
   * @param secret the HMAC key every delivery is signed with (present whenever a webhook is)
   * @param minSeverity INFO, WARNING or CRITICAL: alerts below it are not pushed
   */
  public record Notifications(List<Webhook> webhooks, Optional<Secret> secret, String minSeverity) {}

  /** One receiver; its URL may carry a credential (a Slack webhook's path), so it is never printed whole. */
  public record Webhook(String name, String format, java.net.URI url) {
    @Override
    public String toString() {
      return "Webhook[" + name + ", " + format + ", " + url.getScheme() + "://" + url.getHost() + "/…]";
    }
  }

  /**
   * Two-person approval (issue 15).
   *
   * @param required distinct ADMINs a deposit or a resume needs, the requester included (1: no approval step)
   * @param ttl how long a pending approval waits for the others before it expires
   */
  public record Approvals(int required, java.time.Duration ttl) {}

  /**
   * The audit chain's key and anchors (issue 14).
   *
   * @param chainKey {@code SEAT_MANAGER_AUDIT_CHAIN_KEY} (or {@code _FILE}): rows are HMAC'd under it;
   *     required in production
   * @param anchorFile {@code SEAT_MANAGER_AUDIT_ANCHOR_FILE}: the append-only file the chain's head is
   *     anchored to (by {@code watch} and {@code audit anchor}) and verified against
   * @param anchorEveryRows {@code SEAT_MANAGER_AUDIT_ANCHOR_EVERY_ROWS}: anchor once this many rows were added
   * @param anchorEvery {@code SEAT_MANAGER_AUDIT_ANCHOR_EVERY_MINUTES}: anchor at least this often while rows come
   */
  public record AuditTrail(Optional<Secret> chainKey, Optional<java.nio.file.Path> anchorFile, int anchorEveryRows,
      Duration anchorEvery) {
    public static final int DEFAULT_EVERY_ROWS = 100;
    public static final Duration DEFAULT_EVERY = Duration.ofMinutes(5);

    public static AuditTrail none() {
      return new AuditTrail(Optional.empty(), Optional.empty(), DEFAULT_EVERY_ROWS, DEFAULT_EVERY);
    }

    @Override
    public String toString() {
      return "AuditTrail[key=" + (chainKey.isPresent() ? "redacted" : "none") + ", anchorFile=" + anchorFile
          + ", everyRows=" + anchorEveryRows + ", every=" + anchorEvery + "]";
    }
  }

  public enum Deployment {
    PRODUCTION,
    DEVELOPMENT
  }

  public boolean isProduction() {
    return deployment == Deployment.PRODUCTION;
  }

  /**
   * Where the API listens. {@code loopback} is derived from host and guards key exposure. Prometheus
   * metrics are served on their own port ({@code SEAT_MANAGER_METRICS_PORT}, off when unset), on
   * loopback unless {@code SEAT_MANAGER_METRICS_HOST} says otherwise. {@code openApiPublic}: whether
   * {@code /openapi.json} is served without signing in ({@code SEAT_MANAGER_OPENAPI_PUBLIC}; default: in
   * development only, since the document maps every route an attacker could try).
   */
  public record Http(String host, int port, boolean loopback, Optional<Integer> metricsPort, String metricsHost,
      boolean openApiPublic) {}

  /**
   * The operator's side (issue 16). Without {@code enrollmentKeyFile} no enrollment token can be
   * issued or redeemed; operator API keys are hashed under {@code operatorKeyHash} (its own secret,
   * or outside production one derived from SESSION_HMAC_SECRET by HKDF).
   */
  public record Operator(Optional<java.nio.file.Path> enrollmentKeyFile, Secret operatorKeyHash, Duration enrollmentTokenTtl,
      Duration operatorKeyTtl) {
    @Override
    public String toString() {
      return "Operator[enrollmentKeyFile=" + enrollmentKeyFile + ", operatorKeyHash=redacted, enrollmentTokenTtl="
          + enrollmentTokenTtl + ", operatorKeyTtl=" + operatorKeyTtl + "]";
    }
  }

  /**
   * Second factors (issue 13).
   *
   * @param key {@code SEAT_MANAGER_MFA_KEY}: seals TOTP secrets (required in production; in development
   *     absent means a key derived from {@code STEP_UP_HMAC_SECRET}, as before)
   * @param previousKey {@code SEAT_MANAGER_MFA_KEY_PREVIOUS}: still opens secrets sealed under it, which are
   *     re-sealed under {@code key} when next used
   * @param requireForAdmins an ADMIN cannot step up without a second factor (production)
   * @param webAuthn the passkey relying party; empty when passkeys are off
   */
  public record Mfa(Optional<Secret> key, Optional<Secret> previousKey, boolean requireForAdmins,
      Optional<WebAuthn> webAuthn) {
    /** What tests and tools that build the security core without a configuration get: development's. */
    public static Mfa development() {
      return new Mfa(Optional.empty(), Optional.empty(), false,
          Optional.of(new WebAuthn("localhost", MfaParser.DEVELOPMENT_ORIGIN, true)));
    }

    @Override
    public String toString() {
      return "Mfa[keys redacted, requireForAdmins=" + requireForAdmins + ", webAuthn=" + webAuthn + "]";
    }
  }

  /**
   * The WebAuthn relying party.
   *
   * @param rpId {@code SEAT_MANAGER_WEBAUTHN_RP_ID}, by default the origin's host
   * @param origin {@code SEAT_MANAGER_WEBAUTHN_ORIGIN}: the only origin whose assertions count
   * @param anyPort development only: {@code http://localhost} on whatever port the console listens
   */
  public record WebAuthn(String rpId, String origin, boolean anyPort) {}

  /**
   * The HMAC secrets. Each can be in rotation ({@link Rotation}): its previous value is then still
   * accepted, to look up and to verify, never to hash or sign anew, until the rotation's end.
   *
   * @param stakerKeyHmac {@code SEAT_MANAGER_STAKER_KEY_HMAC_SECRET}, the staker keys' own hash key (in
   *     development, when unset, one derived from the session secret)
   */
  public record Secrets(Secret sessionHmac, Secret stepUpHmac, Secret stakerKeyHmac,
      Optional<Rotation> sessionHmacPrevious, Optional<Rotation> stepUpHmacPrevious,
      Optional<Rotation> stakerKeyHmacPrevious) {

    /** Without rotations, the staker-key secret derived from the session secret (as development does). */
    public Secrets(Secret sessionHmac, Secret stepUpHmac) {
      this(sessionHmac, stepUpHmac, SecretRules.derivedStakerKeySecret(sessionHmac), Optional.empty(),
          Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
      return "Secrets[redacted]";
    }
  }

  /** A secret's previous value, accepted until {@code until} (exclusive) so a rotation needs no new logins. */
  public record Rotation(Secret previous, Instant until) {
    @Override
    public String toString() {
      return "Rotation[previous redacted, until=" + until + "]";
    }
  }

  public enum SignerMode {
    DISABLED,
    LOCAL_KEY,
    KMS,
    /** The isolated {@code seat-manager signer} process: this process holds no key at all. */
    REMOTE
  }

  /**
   * Whether the process may sign and send treasury transactions, and with what. With writes
   * disabled no key is ever loaded, whatever the environment holds. For {@code api}
   * ({@link ConfigLoader.Process#API}) writes may be enabled (its routes enqueue operations) while
   * it holds no signing power: no key, no KMS setting, no signer connection settings are loaded.
   *
   * @param signerAddress {@code SEAT_MANAGER_SIGNER_ADDRESS}, the treasury signer's address as the
   *     operator configured it: what {@code api}'s preflight compares with the router's active
   *     signer instead of asking a signer; the executor checks its signer against it when set
   */
  public record Writes(
      boolean enabled,
      SignerMode signerMode,
      Optional<Secret> ownerPrivateKey,
      Optional<String> kmsKeyId,
      Optional<String> kmsRegion,
      Optional<String> kmsEndpoint,
      Optional<RemoteSigner> remoteSigner,
      Optional<String> signerAddress) {
    /** Without a configured signer address (as before {@code SEAT_MANAGER_SIGNER_ADDRESS}). */
    public Writes(boolean enabled, SignerMode signerMode, Optional<Secret> ownerPrivateKey, Optional<String> kmsKeyId,
        Optional<String> kmsRegion, Optional<String> kmsEndpoint, Optional<RemoteSigner> remoteSigner) {
      this(enabled, signerMode, ownerPrivateKey, kmsKeyId, kmsRegion, kmsEndpoint, remoteSigner, Optional.empty());
    }

    public static Writes disabled() {
      return new Writes(false, SignerMode.DISABLED, Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The same settings with the configured signer address. */
    public Writes withSignerAddress(Optional<String> address) {
      return new Writes(enabled, signerMode, ownerPrivateKey, kmsKeyId, kmsRegion, kmsEndpoint, remoteSigner, address);
    }
  }

  /**
   * Where the isolated signer (or the key process, same transport) listens: a Unix socket, or a
   * loopback port with a shared secret.
   */
  public record RemoteSigner(Optional<java.nio.file.Path> socket, Optional<Integer> port, Optional<Secret> secret) {}

  /**
   * The chain side. Contract addresses are server-controlled (CSM-01): requests can never name them.
   *
   * @param executionEndpoints {@code SEAT_MANAGER_EL_RPC_URLS}, label=url pairs
   * @param beaconEndpoints {@code SEAT_MANAGER_CL_API_URLS}
   * @param minAgreeingEndpoints how many endpoints must agree before an irreversible action
   * @param principalDestination where settled principal goes (the treasury's safe), as configured in vaults
   * @param ownerAddress the expected {@code owner()} of the deposit contract, when set
   * @param maxDepositsPerDay {@code SEAT_MANAGER_SIGNER_MAX_DEPOSITS_PER_DAY}: the treasury policy's velocity limit
   * @param vaultCreationCodeFile {@code SEAT_MANAGER_VAULT_CREATION_CODE_FILE}: the vault code the policy derives
   *     vault addresses from, when not the bundled reference build
   */
  public record Chain(
      long chainId,
      List<org.centurion.seatmanager.config.NamedEndpoint> executionEndpoints,
      List<org.centurion.seatmanager.config.NamedEndpoint> beaconEndpoints,
      int minAgreeingEndpoints,
      Optional<String> depositContract,
      Optional<String> vaultFactory,
      Optional<String> router,
      Optional<String> principalDestination,
      Optional<String> ownerAddress,
      Optional<String> depositContractCodeHash,
      Optional<String> vaultCodeHash,
      int confirmations,
      long maxFeeGwei,
      java.math.BigInteger maxExitFeeWei,
      boolean allowMultipleSeatsPerOperator,
      int maxDepositsPerDay,
      Optional<java.nio.file.Path> vaultCreationCodeFile) {}

  public record Security(
      Optional<Secret> staticAdminToken,
      Optional<Instant> staticAdminTokenSunset,
      boolean secureCookies,
      boolean requireStakerAuth,
      Duration sessionIdleTimeout,
      Duration sessionAbsoluteTimeout,
      int lockoutThreshold,
      Duration lockoutDuration,
      int loginAttemptsPerIpPerMinute,
      int loginAttemptsPerUserPerMinute,
      Duration temporaryPasswordTtl,
      int adminPasswordMinLength) {

    public static final Duration DEFAULT_TEMPORARY_PASSWORD_TTL = Duration.ofHours(24);

    public Security(Optional<Secret> staticAdminToken, Optional<Instant> staticAdminTokenSunset, boolean secureCookies,
        boolean requireStakerAuth, Duration sessionIdleTimeout, Duration sessionAbsoluteTimeout, int lockoutThreshold,
        Duration lockoutDuration, int loginAttemptsPerIpPerMinute, int loginAttemptsPerUserPerMinute) {
      this(staticAdminToken, staticAdminTokenSunset, secureCookies, requireStakerAuth, sessionIdleTimeout,
          sessionAbsoluteTimeout, lockoutThreshold, lockoutDuration, loginAttemptsPerIpPerMinute,
          loginAttemptsPerUserPerMinute, DEFAULT_TEMPORARY_PASSWORD_TTL, 16);
    }
  }

  /**
   * @param depositContractFromBlock where scans of the deposit contract's history start (its deployment block)
   * @param keyProcess where the key process ({@code seat-manager keys serve}) listens, for managed keys
   *     ({@code POST /v1/seats/generate}): {@code SEAT_MANAGER_KEYS_SOCKET}, or {@code SEAT_MANAGER_KEYS_PORT}
   *     with {@code SEAT_MANAGER_KEYS_SECRET}. The mnemonic and keystore passwords never reach this process.
   */
  public record Deposits(
      boolean verifySignature,
      Optional<String> genesisForkVersion,
      long depositContractFromBlock,
      Optional<RemoteSigner> keyProcess,
      long maxLogRangeBlocks) {
    /** What the deposit watcher asks per eth_getLogs until an endpoint says it is too much. */
    public static final long DEFAULT_MAX_LOG_RANGE_BLOCKS = 2_000;
  }

  /**
   * When a watched condition becomes an alert (issue 8). Every field has a {@code SEAT_MANAGER_*}
   * variable; the defaults are the values the watchers had as constants.
   *
   * @param treasuryLowWaterWei the router's balance below this raises TREASURY_BALANCE_LOW
   * @param watcherStalledAfter a watcher role with no successful round for this long is stalled
   * @param operationStuckAfter a queued or in-flight operation untouched for this long is stuck
   * @param exitIgnoredEpochs finalized epochs an exit request may go unacted on before EXIT_IGNORED
   * @param depositLagBlocks the deposit watcher this many blocks behind the confirmed head is lagging
   * @param staticTokenSunsetWarning how long before the static admin token's sunset its alert starts
   * @param vaultSweepStallAfter an ACTIVE validator's vault with no reward sweep for this long
   * @param vaultClaimGrace a pending reward claim neither finalized nor cancelled this long after it became ready
   * @param settlementGrace a proposed settlement not finalized this long after it became ready
   */
  public record Alerting(
      java.math.BigInteger treasuryLowWaterWei,
      Duration watcherStalledAfter,
      Duration operationStuckAfter,
      long exitIgnoredEpochs,
      long depositLagBlocks,
      Duration staticTokenSunsetWarning,
      Duration vaultSweepStallAfter,
      Duration vaultClaimGrace,
      Duration settlementGrace) {
    public static final long DEFAULT_TREASURY_LOW_WATER_CTN = 64;

    public static Alerting defaults() {
      return new Alerting(java.math.BigInteger.TEN.pow(18).multiply(java.math.BigInteger.valueOf(DEFAULT_TREASURY_LOW_WATER_CTN)),
          Duration.ofMinutes(5), Duration.ofMinutes(15), 4, 2_000, Duration.ofDays(14), Duration.ofHours(48),
          Duration.ofHours(72), Duration.ofMinutes(60));
    }
  }
}
