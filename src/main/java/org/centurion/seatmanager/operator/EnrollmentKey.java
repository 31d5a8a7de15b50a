package org.centurion.seatmanager.operator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Date;
import org.centurion.seatmanager.auth.OperatorScope;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.deposit.ManagedKeyException;
import org.centurion.seatmanager.deposit.SecretFile;

/**
 * The foundation's Ed25519 enrollment signing key: an OKP JWK with a key id, read from
 * {@code SEAT_MANAGER_ENROLLMENT_KEY_FILE} (a regular file of mode 600; never in the database, never
 * logged). Signs enrollment tokens; its public half is served for offline verification.
 */
public final class EnrollmentKey {
  private final OctetKeyPair key;

  private EnrollmentKey(OctetKeyPair key) {
    if (!Curve.Ed25519.equals(key.getCurve()) || !key.isPrivate() || key.getKeyID() == null || key.getKeyID().isBlank()) {
      throw new IllegalArgumentException("not an Ed25519 private JWK with a kid");
    }
    this.key = key;
  }

  /** Reads and checks the key file; every refusal names the variable and the fix, never the key. */
  public static EnrollmentKey load(Path file) {
    String setting = ConfigLoader.ENROLLMENT_KEY_FILE;
    String text;
    try {
      text = SecretFile.read(file, setting);
    } catch (ManagedKeyException e) {
      throw new ConfigException(e.getMessage());
    }
    try {
      return new EnrollmentKey(OctetKeyPair.parse(text));
    } catch (ParseException | IllegalArgumentException e) {
      throw new ConfigException(setting + " must hold an Ed25519 private key as a JWK (kty OKP, crv Ed25519, d, x, kid):"
          + " create one with 'seat-manager enrollment-key generate --out FILE'");
    }
  }

  /** A new key, for {@code seat-manager enrollment-key generate}; its kid is its RFC 7638 thumbprint. */
  public static EnrollmentKey generate() {
    try {
      OctetKeyPair k = new OctetKeyPairGenerator(Curve.Ed25519).generate();
      String kid = k.computeThumbprint().toString();
      return new EnrollmentKey(new OctetKeyPair.Builder(k).keyID(kid).build());
    } catch (JOSEException e) {
      throw new IllegalStateException("Ed25519 key generation failed", e);
    }
  }

  /** The private JWK, for writing the key file (mode 600). */
  public String privateJwkJson() {
    return key.toJSONString();
  }

  public OctetKeyPair publicJwk() {
    return key.toPublicJWK();
  }

  public String keyId() {
    return key.getKeyID();
  }

  /** A signed token for these claims; the header is built here alone: alg EdDSA, typ, kid. */
  String sign(EnrollmentClaims c) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(EnrollmentJwt.ISSUER).audience(EnrollmentJwt.AUDIENCE).subject("seat:" + c.seatId())
        .jwtID(c.jti().toString()).issueTime(Date.from(c.issuedAt())).expirationTime(Date.from(c.expiresAt()))
        .claim(EnrollmentJwt.SEAT, c.seatId()).claim(EnrollmentJwt.OPERATOR, c.operatorId())
        .claim(EnrollmentJwt.BENEFICIARY, c.beneficiary())
        .claim(EnrollmentJwt.PUBKEY, c.pubkey()).claim(EnrollmentJwt.VAULT, c.vault())
        .claim(EnrollmentJwt.SCOPES, c.scopes().stream().sorted().map(OperatorScope::wire).toList())
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(EnrollmentJwt.ALG).type(EnrollmentJwt.TYPE).keyID(key.getKeyID())
        .build(), claims);
    try {
      jwt.sign(new Ed25519Signer(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
    return jwt.serialize();
  }

  /**
   * A compact JWS of {@code payload} under this key, typed {@code type} so that it can never pass for
   * an enrollment token (whose verifier pins its own typ), with the public JWK in the header so that
   * it verifies offline; the verifier still pins the key (its kid is the key's RFC 7638 thumbprint).
   * Issue 15's signed evidence bundles.
   */
  public String signDocument(String type, byte[] payload) {
    if (EnrollmentJwt.TYPE.getType().equals(type)) {
      throw new IllegalArgumentException("documents are not signed with the enrollment token's type");
    }
    JWSObject jws = new JWSObject(new JWSHeader.Builder(EnrollmentJwt.ALG).type(new com.nimbusds.jose.JOSEObjectType(type))
        .keyID(key.getKeyID()).jwk(key.toPublicJWK()).build(), new Payload(payload));
    try {
      jws.sign(new Ed25519Signer(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
    return jws.serialize();
  }

  @Override
  public String toString() {
    return "EnrollmentKey[kid=" + key.getKeyID() + ", private part redacted]";
  }
}
