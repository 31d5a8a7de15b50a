package org.centurion.seatmanager.signing;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyRequest;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SignRequest;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * Signs with an AWS KMS {@code ECC_SECG_P256K1} key; the private key never leaves KMS.
 *
 * <p>Unlike web3j's own KMS signer, this asks KMS to sign the Keccak digest itself ({@code
 * MessageType.DIGEST}; KMS would otherwise SHA-256 it again), normalises KMS's s, which is high
 * about half the time, and picks v by recovering against the key's public key.
 */
public final class KmsSigner implements TreasurySigner, AutoCloseable {
  private final KmsClient kms;
  private final String keyId;
  private final BigInteger publicKey;
  private final String address;

  /**
   * Checks the key at start: it must be a secp256k1 SIGN_VERIFY key offering ECDSA_SHA_256; the
   * address comes from its public key. The client is closed by {@link #close()}.
   */
  public KmsSigner(KmsClient kms, String keyId) {
    this.kms = kms;
    this.keyId = keyId;
    GetPublicKeyResponse key;
    try {
      key = kms.getPublicKey(GetPublicKeyRequest.builder().keyId(keyId).build());
    } catch (SdkException e) {
      throw new SigningException(SigningErrorCode.KMS_FAILURE, "GetPublicKey failed: " + e.getMessage(), e);
    }
    if (key.keySpec() != KeySpec.ECC_SECG_P256_K1) {
      throw new SigningException(
          SigningErrorCode.KMS_KEY_UNSUITABLE,
          "KMS key spec is " + key.keySpecAsString() + ", expected ECC_SECG_P256K1");
    }
    if (key.keyUsage() != KeyUsageType.SIGN_VERIFY) {
      throw new SigningException(
          SigningErrorCode.KMS_KEY_UNSUITABLE, "KMS key usage is " + key.keyUsageAsString() + ", expected SIGN_VERIFY");
    }
    if (!key.signingAlgorithms().contains(SigningAlgorithmSpec.ECDSA_SHA_256)) {
      throw new SigningException(SigningErrorCode.KMS_KEY_UNSUITABLE, "KMS key does not offer ECDSA_SHA_256");
    }
    this.publicKey = publicKeyFromSpki(key.publicKey().asByteArray());
    this.address = Secp256k1.address(publicKey);
  }

  /** Builds the KMS client (URL-connection HTTP, bounded timeouts) for {@code settings}. */
  public static KmsSigner connect(KmsSettings settings, AwsCredentialsProvider credentials) {
    var builder =
        KmsClient.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials)
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(settings.timeout())
                    .socketTimeout(settings.timeout()))
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .apiCallTimeout(settings.timeout())
                    .apiCallAttemptTimeout(settings.timeout())
                    .build());
    settings.endpointOverride().ifPresent(builder::endpointOverride);
    KmsClient client = builder.build();
    try {
      return new KmsSigner(client, settings.keyId());
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public SignedTransaction sign(RawTransaction transaction, long chainId) {
    return Eip1559Signing.sign(transaction, chainId, publicKey, this::signDigest);
  }

  private ECDSASignature signDigest(byte[] digest) {
    byte[] der;
    try {
      der =
          kms.sign(
                  SignRequest.builder()
                      .keyId(keyId)
                      .message(SdkBytes.fromByteArray(digest))
                      .messageType(MessageType.DIGEST)
                      .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)
                      .build())
              .signature()
              .asByteArray();
    } catch (SdkException e) {
      throw new SigningException(SigningErrorCode.KMS_FAILURE, "Sign failed: " + e.getMessage(), e);
    }
    return decodeDerSignature(der);
  }

  /** Strict DER {@code SEQUENCE { INTEGER r, INTEGER s }} with both in [1, n-1]. */
  static ECDSASignature decodeDerSignature(byte[] der) {
    try {
      ASN1Primitive parsed = ASN1Primitive.fromByteArray(der);
      if (!(parsed instanceof ASN1Sequence seq)
          || seq.size() != 2
          || !(seq.getObjectAt(0) instanceof ASN1Integer r)
          || !(seq.getObjectAt(1) instanceof ASN1Integer s)
          || !Arrays.equals(seq.getEncoded(ASN1Encoding.DER), der)) {
        throw new SigningException(SigningErrorCode.KMS_FAILURE, "KMS signature is not a DER ECDSA signature");
      }
      BigInteger rv = r.getValue();
      BigInteger sv = s.getValue();
      if (rv.signum() <= 0 || rv.compareTo(Secp256k1.N) >= 0 || sv.signum() <= 0 || sv.compareTo(Secp256k1.N) >= 0) {
        throw new SigningException(SigningErrorCode.KMS_FAILURE, "KMS signature values are out of range");
      }
      return new ECDSASignature(rv, sv);
    } catch (IOException | IllegalArgumentException e) {
      throw new SigningException(SigningErrorCode.KMS_FAILURE, "KMS signature is not a DER ECDSA signature", e);
    }
  }

  /** The 64-byte X||Y integer from a DER SubjectPublicKeyInfo of a secp256k1 key. */
  static BigInteger publicKeyFromSpki(byte[] der) {
    SubjectPublicKeyInfo spki;
    try {
      spki = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      throw new SigningException(SigningErrorCode.KMS_KEY_UNSUITABLE, "KMS public key is not a DER SubjectPublicKeyInfo", e);
    }
    ASN1ObjectIdentifier algorithm = spki.getAlgorithm().getAlgorithm();
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)
        || !SECObjectIdentifiers.secp256k1.equals(spki.getAlgorithm().getParameters())) {
      throw new SigningException(SigningErrorCode.KMS_KEY_UNSUITABLE, "KMS public key is not a secp256k1 EC key");
    }
    try {
      return Secp256k1.publicKeyOf(Sign.CURVE_PARAMS.getCurve().decodePoint(spki.getPublicKeyData().getOctets()));
    } catch (IllegalArgumentException e) {
      throw new SigningException(SigningErrorCode.KMS_KEY_UNSUITABLE, "KMS public key is not a valid curve point", e);
    }
  }

  @Override
  public String mode() {
    return "kms";
  }

  @Override
  public void close() {
    kms.close();
  }

  @Override
  public String toString() {
    return "KmsSigner[address=" + address + "]";
  }
}
