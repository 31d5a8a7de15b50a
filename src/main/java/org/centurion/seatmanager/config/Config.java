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
    List<String> warnings) {

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
   * loopback unless {@code SEAT_MANAGER_METRICS_HOST} says otherwise.
   */
  public record Http(String host, int port, boolean loopback, Optional<Integer> metricsPort, String metricsHost) {}

  public record Secrets(Secret sessionHmac, Secret stepUpHmac) {
    @Override
    public String toString() {
      return "Secrets[redacted]";
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
   * disabled no key is ever loaded, whatever the environment holds.
   */
  public record Writes(
      boolean enabled,
      SignerMode signerMode,
      Optional<Secret> ownerPrivateKey,
      Optional<String> kmsKeyId,
      Optional<String> kmsRegion,
      Optional<String> kmsEndpoint,
      Optional<RemoteSigner> remoteSigner) {
    public static Writes disabled() {
      return new Writes(false, SignerMode.DISABLED, Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  /** Where the isolated signer listens: a Unix socket, or a loopback port with a shared secret. */
  public record RemoteSigner(Optional<java.nio.file.Path> socket, Optional<Integer> port, Optional<Secret> secret) {}

  /**
   * The chain side. Contract addresses are server-controlled (CSM-01): requests can never name them.
   *
   * @param executionEndpoints {@code SEAT_MANAGER_EL_RPC_URLS}, label=url pairs
   * @param beaconEndpoints {@code SEAT_MANAGER_CL_API_URLS}
   * @param minAgreeingEndpoints how many endpoints must agree before an irreversible action
   * @param principalDestination where settled principal goes (the treasury's safe), as configured in vaults
   * @param ownerAddress the expected {@code owner()} of the deposit contract, when set
   */
  public record Chain(
      long chainId,
      List<org.centurion.seatmanager.chain.NamedEndpoint> executionEndpoints,
      List<org.centurion.seatmanager.chain.NamedEndpoint> beaconEndpoints,
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
      boolean allowMultipleSeatsPerOperator) {}

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

  /**
   * @param depositContractFromBlock where scans of the deposit contract's history start (its deployment block)
   * @param mnemonicFile the foundation mnemonic for managed keys ({@code POST /v1/seats/generate}), mode 600
   * @param keystorePasswordFile the password managed keystores are encrypted under, mode 600
   */
  public record Deposits(
      boolean verifySignature,
      Optional<String> genesisForkVersion,
      long depositContractFromBlock,
      Optional<java.nio.file.Path> mnemonicFile,
      Optional<java.nio.file.Path> keystorePasswordFile) {}
}
