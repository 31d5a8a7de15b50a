package org.centurion.seatmanager.signing;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.Secret;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** Builds the {@link TreasurySigner} the configuration asks for; the composition root calls this once. */
public final class TreasurySigners {
  /** Bound on one KMS or isolated-signer round trip. */
  public static final Duration SIGNER_TIMEOUT = Duration.ofSeconds(10);

  private TreasurySigners() {}

  /**
   * A signer for a process that only needs its address (preflight, start-up checks): a local or KMS
   * key is still wrapped in the treasury policy, with a ledger that refuses every deposit, since
   * such a process keeps no durable record of the velocity limit.
   */
  public static TreasurySigner fromConfig(Config.Writes writes, Config.Chain chain) {
    return fromConfig(writes, chain, NO_DEPOSITS);
  }

  /** The executor's signer: local and KMS keys behind the treasury policy, whose velocity limit is {@code ledger}. */
  public static TreasurySigner fromConfig(Config.Writes writes, Config.Chain chain, DepositLedger ledger) {
    if (writes.enabled() && writes.signerMode() == Config.SignerMode.KMS) {
      return fromConfig(writes, chain, DefaultCredentialsProvider.builder().build(), ledger);
    }
    return fromConfig(writes, chain, null, ledger);
  }

  /** A ledger that refuses every deposit: for processes that must never sign one. */
  public static final DepositLedger NO_DEPOSITS = (pubkey, now, max) -> false;

  /** As {@link #fromConfig(Config.Writes, Config.Chain, AwsCredentialsProvider, DepositLedger)}, refusing deposits. */
  public static TreasurySigner fromConfig(Config.Writes writes, Config.Chain chain, AwsCredentialsProvider credentials) {
    return fromConfig(writes, chain, credentials, NO_DEPOSITS);
  }

  /**
   * The treasury policy for local and KMS keys, from the process's own configuration: chain id,
   * router, fee cap ({@code SEAT_MANAGER_MAX_FEE_GWEI}), gas cap 3,000,000, deposit contract,
   * factory, principal destination, vault creation code, exit fee cap and the daily deposit limit.
   *
   * @throws SigningException with {@link SigningErrorCode#POLICY_TARGET_NOT_ALLOWED} when an address is missing
   */
  public static TreasuryPolicy policyFor(Config.Chain chain, DepositLedger ledger) {
    String router = required(chain.router(), "SEAT_MANAGER_ROUTER_ADDRESS");
    SignerPolicy outer = new SignerPolicy(chain.chainId(), router, java.math.BigInteger.ZERO,
        java.math.BigInteger.valueOf(chain.maxFeeGwei()).multiply(java.math.BigInteger.TEN.pow(9)), DEFAULT_MAX_GAS);
    return new TreasuryPolicy(outer, required(chain.depositContract(), "SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS"),
        vaultDerivation(chain), chain.maxExitFeeWei(), chain.maxDepositsPerDay(), ledger, Clock.systemUTC());
  }

  /** Where our factory puts each pubkey's vault, from the configured factory, router, principal destination and vault code. */
  public static org.centurion.seatmanager.abi.VaultDerivation vaultDerivation(Config.Chain chain) {
    String router = required(chain.router(), "SEAT_MANAGER_ROUTER_ADDRESS");
    byte[] code;
    try {
      code = chain.vaultCreationCodeFile().isPresent()
          ? org.centurion.seatmanager.abi.VaultCreationCode.fromFile(chain.vaultCreationCodeFile().get())
          : org.centurion.seatmanager.abi.VaultCreationCode.reference();
    } catch (java.io.IOException e) {
      throw new SigningException(SigningErrorCode.POLICY_TARGET_NOT_ALLOWED,
          "SEAT_MANAGER_VAULT_CREATION_CODE_FILE: " + e.getMessage());
    }
    return new org.centurion.seatmanager.abi.VaultDerivation(
        required(chain.vaultFactory(), "SEAT_MANAGER_VAULT_FACTORY_ADDRESS"), router,
        required(chain.principalDestination(), "SEAT_MANAGER_PRINCIPAL_DESTINATION"), code);
  }

  /** The gas cap of one treasury transaction, as the isolated signer's default. */
  public static final java.math.BigInteger DEFAULT_MAX_GAS = java.math.BigInteger.valueOf(3_000_000);

  private static String required(Optional<String> value, String variable) {
    return value.orElseThrow(() -> new SigningException(SigningErrorCode.POLICY_TARGET_NOT_ALLOWED,
        variable + " is required: the treasury policy allows nothing without it"));
  }

  /**
   * @param credentials AWS credentials for the KMS mode; unused otherwise
   * @throws SigningException with a stable code when the signer cannot be built (bad key, KMS key
   *     unsuitable, isolated signer unreachable); messages never contain key material
   */
  public static TreasurySigner fromConfig(Config.Writes writes, Config.Chain chain, AwsCredentialsProvider credentials,
      DepositLedger ledger) {
    if (!writes.enabled()) {
      return new DisabledSigner();
    }
    return switch (writes.signerMode()) {
      case DISABLED -> new DisabledSigner();
      case LOCAL_KEY -> new PolicyCheckedSigner(localKey(writes), policyFor(chain, ledger));
      case KMS -> new PolicyCheckedSigner(kms(writes, credentials), policyFor(chain, ledger));
      // The isolated signer applies its own copy of the policy, configured in its own process.
      case REMOTE -> remote(writes);
    };
  }

  private static TreasurySigner localKey(Config.Writes writes) {
    Secret key = writes.ownerPrivateKey().orElseThrow(
        () -> new SigningException(SigningErrorCode.INVALID_KEY, "writes use a local key but none is configured"));
    byte[] bytes = key.bytes();
    try {
      return LocalKeySigner.fromBytes(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static TreasurySigner kms(Config.Writes writes, AwsCredentialsProvider credentials) {
    if (credentials == null) {
      throw new IllegalArgumentException("the KMS signer needs AWS credentials");
    }
    Optional<URI> endpoint;
    try {
      endpoint = writes.kmsEndpoint().isEmpty() ? Optional.empty() : Optional.of(new URI(writes.kmsEndpoint().get()));
    } catch (URISyntaxException e) {
      throw new SigningException(SigningErrorCode.KMS_FAILURE, "SEAT_MANAGER_KMS_ENDPOINT is not a URL");
    }
    KmsSettings settings;
    try {
      settings = new KmsSettings(writes.kmsKeyId().orElse(null), writes.kmsRegion().orElse(null), endpoint, SIGNER_TIMEOUT);
    } catch (IllegalArgumentException e) {
      throw new SigningException(SigningErrorCode.KMS_FAILURE, e.getMessage());
    }
    return KmsSigner.connect(settings, credentials);
  }

  private static TreasurySigner remote(Config.Writes writes) {
    Config.RemoteSigner remote = writes.remoteSigner().orElseThrow(
        () -> new SigningException(SigningErrorCode.SIGNER_UNAVAILABLE, "writes use the isolated signer but it is not configured"));
    SignerEndpoint endpoint;
    if (remote.socket().isPresent()) {
      endpoint = new SignerEndpoint.UnixSocket(remote.socket().get());
    } else if (remote.port().isPresent()) {
      endpoint = new SignerEndpoint.LoopbackTcp(remote.port().get());
    } else {
      throw new SigningException(SigningErrorCode.SIGNER_UNAVAILABLE, "the isolated signer needs a socket or a port");
    }
    Optional<SharedSecret> secret = remote.secret().map(s -> {
      byte[] b = s.bytes();
      try {
        return SharedSecret.fromHex(java.util.HexFormat.of().formatHex(b));
      } finally {
        Arrays.fill(b, (byte) 0);
      }
    });
    try {
      return RemoteSigner.connect(endpoint, secret, SIGNER_TIMEOUT, Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      throw new SigningException(SigningErrorCode.SIGNER_UNAVAILABLE, e.getMessage());
    }
  }
}
