package org.centurion.seatmanager.operator;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;

/** The fixed parts of an enrollment token: one algorithm, one type, one issuer, one audience. */
final class EnrollmentJwt {
  /** EdDSA with Ed25519 only; the algorithm is pinned, never read from the token. */
  static final JWSAlgorithm ALG = JWSAlgorithm.EdDSA;
  /** A token of another kind signed by the same key is still not an enrollment token. */
  static final JOSEObjectType TYPE = new JOSEObjectType("enrollment+jwt");
  static final String ISSUER = "seat-manager";
  static final String AUDIENCE = "seat-manager/operator-enroll";
  static final String SEAT = "seat_id";
  static final String OPERATOR = "operator_id";
  static final String BENEFICIARY = "beneficiary";
  static final String SCOPES = "scopes";
  static final String PUBKEY = "pubkey";
  static final String VAULT = "vault";
  /** Anything longer is refused unparsed. */
  static final int MAX_TOKEN_CHARS = 4096;

  private EnrollmentJwt() {}
}
