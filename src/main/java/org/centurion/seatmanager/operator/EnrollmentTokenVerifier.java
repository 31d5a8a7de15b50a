package org.centurion.seatmanager.operator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.centurion.seatmanager.auth.OperatorScope;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.problem.ProblemKind;

/**
 * Checks an enrollment token against the enrollment public key alone: the server uses it before it
 * redeems a token, the operator CLI offline before it sends anything. The algorithm is pinned: the
 * token must be a JWS whose header says exactly EdDSA, our type and our kid, and its signature is
 * checked with Nimbus's Ed25519 verifier and our public key alone. So an unsigned token
 * ({@code alg: none}), an HMAC token (HS256 keyed with the public key, the classic confusion) or a
 * token signed by another key never verifies. (Nimbus's {@code JWSVerificationKeySelector} cannot
 * select OKP keys, hence the explicit header checks.) Nimbus then checks issuer, audience, required
 * claims and expiry against our clock.
 */
public final class EnrollmentTokenVerifier {
  private final OctetKeyPair publicKey;
  private final Ed25519Verifier signature;
  private final DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier;

  /** @param publicKey the enrollment key's public half (a private half is dropped) */
  public EnrollmentTokenVerifier(OctetKeyPair publicKey, Clock clock) {
    if (!Curve.Ed25519.equals(publicKey.getCurve()) || publicKey.getKeyID() == null) {
      throw new IllegalArgumentException("the enrollment key must be an Ed25519 OKP key with a key id");
    }
    this.publicKey = publicKey.toPublicJWK();
    try {
      this.signature = new Ed25519Verifier(this.publicKey);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("not a usable Ed25519 public key", e);
    }
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(EnrollmentJwt.AUDIENCE,
        new JWTClaimsSet.Builder().issuer(EnrollmentJwt.ISSUER).build(),
        Set.of("jti", "iat", "exp", EnrollmentJwt.SEAT, EnrollmentJwt.OPERATOR, EnrollmentJwt.BENEFICIARY,
            EnrollmentJwt.SCOPES, EnrollmentJwt.PUBKEY, EnrollmentJwt.VAULT)) {
      @Override
      protected Date currentTime() {
        return Date.from(clock.instant());
      }
    };
    // the server's clock is the judge: no grace after exp
    claims.setMaxClockSkew(0);
    this.claimsVerifier = claims;
  }

  public OctetKeyPair publicKey() {
    return publicKey;
  }

  /** The token's claims, or a problem with a stable code (never the token in the message). */
  public EnrollmentClaims verify(String token) {
    if (token == null || token.isBlank() || token.length() > EnrollmentJwt.MAX_TOKEN_CHARS) {
      throw invalid("the enrollment token is missing or too long");
    }
    JWTClaimsSet c;
    try {
      c = verifiedClaims(token.strip());
      claimsVerifier.verify(c, null);
    } catch (ExpiredJWTException e) {
      throw new Problem(ProblemKind.UNAUTHENTICATED, OperatorErrors.TOKEN_EXPIRED,
          "the enrollment token has expired: ask the foundation for a new one");
    } catch (ParseException | BadJWTException | JOSEException e) {
      throw invalid("the enrollment token is not one this seat manager signed (" + reason(e) + ")");
    }
    try {
      return claims(c);
    } catch (ParseException | IllegalArgumentException e) {
      throw invalid("the enrollment token's claims are malformed");
    }
  }

  /** The claims of a JWS with exactly our header whose Ed25519 signature verifies under our key. */
  private JWTClaimsSet verifiedClaims(String token) throws ParseException, BadJWTException, JOSEException {
    JWT parsed = JWTParser.parse(token);
    if (!(parsed instanceof SignedJWT jws)) {
      throw new BadJWTException("not a signed JWT");
    }
    JWSHeader h = jws.getHeader();
    if (!EnrollmentJwt.ALG.equals(h.getAlgorithm())) {
      throw new BadJWTException("alg must be EdDSA");
    }
    if (!EnrollmentJwt.TYPE.equals(h.getType())) {
      throw new BadJWTException("typ must be " + EnrollmentJwt.TYPE);
    }
    if (!publicKey.getKeyID().equals(h.getKeyID())) {
      throw new BadJWTException("kid is not the enrollment key's");
    }
    if (h.getCriticalParams() != null || h.getJWK() != null || h.getJWKURL() != null || h.getX509CertURL() != null) {
      // an embedded or referenced key is never trusted: we verify with our own key alone
      throw new BadJWTException("unexpected header parameters");
    }
    if (!jws.verify(signature)) {
      throw new BadJWTException("signature invalid");
    }
    return jws.getJWTClaimsSet();
  }

  private EnrollmentClaims claims(JWTClaimsSet c) throws ParseException {
    UUID jti = UUID.fromString(c.getJWTID());
    Long seat = c.getLongClaim(EnrollmentJwt.SEAT);
    String operator = c.getStringClaim(EnrollmentJwt.OPERATOR);
    String beneficiary = c.getStringClaim(EnrollmentJwt.BENEFICIARY);
    List<String> scopeNames = c.getStringListClaim(EnrollmentJwt.SCOPES);
    String pubkey = c.getStringClaim(EnrollmentJwt.PUBKEY);
    String vault = c.getStringClaim(EnrollmentJwt.VAULT);
    if (seat == null || seat <= 0 || operator == null || beneficiary == null
        || !beneficiary.matches("0x[0-9a-f]{40}") || scopeNames == null || scopeNames.isEmpty()
        || pubkey == null || !pubkey.matches("0x[0-9a-f]{96}") || vault == null || !vault.matches("0x[0-9a-f]{40}")) {
      throw new IllegalArgumentException("claims");
    }
    Set<OperatorScope> scopes = EnumSet.noneOf(OperatorScope.class);
    for (String s : scopeNames) {
      scopes.add(OperatorScope.ofWire(s).orElseThrow(() -> new IllegalArgumentException("scope")));
    }
    return new EnrollmentClaims(jti, seat, operator, beneficiary, pubkey, vault, scopes, c.getIssueTime().toInstant(),
        c.getExpirationTime().toInstant(), publicKey.getKeyID());
  }

  /** Nimbus's messages name what failed (algorithm, type, signature) and never echo the token. */
  private static String reason(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.toLowerCase(Locale.ROOT);
    return m.length() > 120 ? m.substring(0, 120) : m;
  }

  private static Problem invalid(String message) {
    return new Problem(ProblemKind.UNAUTHENTICATED, OperatorErrors.TOKEN_INVALID, message);
  }
}
