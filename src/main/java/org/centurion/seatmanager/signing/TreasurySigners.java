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

  /** As {@link #fromConfig(Config.Writes, Config.Chain, AwsCredentialsProvider)} with the AWS default chain. */
  public static TreasurySigner fromConfig(Config.Writes writes, Config.Chain chain) {
    if (writes.enabled() && writes.signerMode() == Config.SignerMode.KMS) {
      return fromConfig(writes, chain, DefaultCredentialsProvider.builder().build());
    }
    return fromConfig(writes, chain, null);
  }

  /**
   * @param credentials AWS credentials for the KMS mode; unused otherwise
   * @throws SigningException with a stable code when the signer cannot be built (bad key, KMS key
   *     unsuitable, isolated signer unreachable); messages never contain key material
   */
  public static TreasurySigner fromConfig(Config.Writes writes, Config.Chain chain, AwsCredentialsProvider credentials) {
    if (!writes.enabled()) {
      return new DisabledSigner();
    }
    return switch (writes.signerMode()) {
      case DISABLED -> new DisabledSigner();
      case LOCAL_KEY -> localKey(writes);
      case KMS -> kms(writes, credentials);
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
