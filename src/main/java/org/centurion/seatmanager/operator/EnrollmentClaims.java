package org.centurion.seatmanager.operator;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.centurion.seatmanager.auth.OperatorScope;

/**
 * What an enrollment token says, once its signature, type, algorithm and times have been checked.
 *
 * @param beneficiary the seat's beneficiary when the token was issued (lower-case 0x-hex)
 * @param pubkey the seat's validator pubkey and @param vault its vault, so the operator's CLI can run the
 *     deposit-data checks offline against exactly what the server will check
 * @param scopes the scopes the operator key issued on enrollment will carry
 */
public record EnrollmentClaims(UUID jti, long seatId, String operatorId, String beneficiary, String pubkey, String vault,
    Set<OperatorScope> scopes,
    Instant issuedAt, Instant expiresAt, String keyId) {

  public EnrollmentClaims {
    scopes = Set.copyOf(scopes);
  }
}
