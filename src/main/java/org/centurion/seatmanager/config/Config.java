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
    List<String> warnings) {

  public enum Deployment {
    PRODUCTION,
    DEVELOPMENT
  }

  public boolean isProduction() {
    return deployment == Deployment.PRODUCTION;
  }

  /** Where the API listens. {@code loopback} is derived from host and guards key exposure. */
  public record Http(String host, int port, boolean loopback) {}

  public record Secrets(Secret sessionHmac, Secret stepUpHmac) {
    @Override
    public String toString() {
      return "Secrets[redacted]";
    }
  }

  public enum SignerMode {
    DISABLED,
    LOCAL_KEY,
    KMS
  }

  /**
   * Whether the process may sign and send treasury transactions, and with what. With writes
   * disabled no key is ever loaded, whatever the environment holds.
   */
  public record Writes(
      boolean enabled,
      SignerMode signerMode,
      Optional<Secret> ownerPrivateKey,
      Optional<String> kmsKeyId,
      Optional<String> kmsRegion,
      Optional<String> kmsEndpoint) {
    public static Writes disabled() {
      return new Writes(false, SignerMode.DISABLED, Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty());
    }
  }

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
      int loginAttemptsPerUserPerMinute) {}

  public record Deposits(boolean verifySignature, Optional<String> genesisForkVersion) {}
}
