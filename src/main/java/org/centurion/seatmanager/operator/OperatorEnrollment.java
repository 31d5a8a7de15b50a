package org.centurion.seatmanager.operator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.auth.Caller;
import org.centurion.seatmanager.auth.IdentityKind;
import org.centurion.seatmanager.auth.OperatorKeyService;
import org.centurion.seatmanager.auth.OperatorScope;
import org.centurion.seatmanager.auth.RateLimiter;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.problem.ProblemKind;
import org.centurion.seatmanager.seats.Seat;
import org.centurion.seatmanager.seats.SeatCommandRunner;
import org.centurion.seatmanager.seats.SeatDepositData;
import org.centurion.seatmanager.seats.SeatReply;
import org.centurion.seatmanager.seats.SeatsFeature;
import org.jdbi.v3.core.Handle;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/operator/enroll}: an operator redeems an enrollment token with their deposit-cli
 * file. The file goes through the admin upload's own check and record ({@code SeatDepositData.check},
 * {@code record}) through the same {@link SeatCommandRunner}, so every check and the move to DATA_VERIFIED are exactly the
 * admin path's; the token is consumed and the operator key issued in that command's transaction, so a
 * failed check leaves the token usable and a success can never be redeemed twice.
 */
public final class OperatorEnrollment {
  /** Enrollment attempts per client address: each one verifies a BLS signature. */
  public static final int ATTEMPTS_PER_IP_PER_MINUTE = 30;

  private final EnrollmentTokenVerifier verifier;
  private final EnrollmentTokens tokens;
  private final OperatorKeyService keys;
  private final SeatsFeature seats;
  private final RateLimiter perIp;

  OperatorEnrollment(EnrollmentTokenVerifier verifier, EnrollmentTokens tokens, OperatorKeyService keys, SeatsFeature seats,
      Clock clock) {
    this.verifier = verifier;
    this.tokens = tokens;
    this.keys = keys;
    this.seats = seats;
    this.perIp = new RateLimiter(ATTEMPTS_PER_IP_PER_MINUTE, Duration.ofMinutes(1), clock);
  }

  /** The verified token's claims, for the audit record, before anything else is looked at. */
  public EnrollmentClaims verify(String token, String clientIp) {
    if (!perIp.tryAcquire(clientIp)) {
      throw new Problem(ProblemKind.RATE_LIMITED, OperatorErrors.RATE_LIMITED,
          "at most " + ATTEMPTS_PER_IP_PER_MINUTE + " enrollment attempts a minute from one address");
    }
    return verifier.verify(token);
  }

  /**
   * Redeems the verified token with the file.
   *
   * @param body the request's JSON (CSM-01 is checked on it by the runner)
   */
  public SeatReply enroll(EnrollmentClaims claims, String depositDataFile, JsonNode body, String clientIp) {
    tokens.requireRedeemable(claims);
    Seat seat = seats.queries().seat(claims.seatId()).orElseThrow(() -> new Problem(ProblemKind.UNAUTHENTICATED,
        OperatorErrors.TOKEN_INVALID, "the enrollment token names no seat of this seat manager"));
    if (!seat.operatorId().equals(claims.operatorId()) || !seat.beneficiary().equals(claims.beneficiary())
        || !seat.pubkey().equals(claims.pubkey()) || !seat.vaultAddress().equals(claims.vault())) {
      throw Problem.conflict(OperatorErrors.TOKEN_SEAT_MISMATCH,
          "the seat's operator or beneficiary is no longer the one the token names: ask for a new token");
    }
    Caller operator = new Caller(IdentityKind.ANONYMOUS, Optional.empty(),
        "operator " + claims.operatorId() + " (enrollment " + claims.jti() + ")", Optional.empty(), Optional.empty(),
        Optional.empty(), clientIp);
    byte[] file = depositDataFile.getBytes(StandardCharsets.UTF_8);
    return seats.runner().submit(body, operator, false, new Redemption(claims, file));
  }

  /**
   * The enrollment as one seat command: the file is checked outside the transaction, then the token is
   * consumed, the file recorded and the operator key issued in the runner's one transaction.
   */
  private final class Redemption implements SeatCommandRunner.Command {
    private final EnrollmentClaims claims;
    private final byte[] file;

    Redemption(EnrollmentClaims claims, byte[] file) {
      this.claims = claims;
      this.file = file;
    }

    @Override
    public SeatReply run(JsonNode body, Caller caller, SeatCommandRunner.Committer tx) {
      SeatDepositData.Verified verified = seats.depositData().check(claims.seatId(), file);
      return tx.commit(h -> redeem(h, verified, caller));
    }

    private SeatReply redeem(Handle h, SeatDepositData.Verified verified, Caller caller) {
      tokens.consume(h, claims);
      SeatReply seat = seats.depositData().record(h, verified, caller);
      OperatorKeyService.Issued key = keys.issue(h, claims.seatId(), claims.scopes(), "enrollment:" + claims.jti());
      return new SeatReply(seat.outcome(), answer(seat.body(), key));
    }
  }

  private static Map<String, Object> answer(Object seat, OperatorKeyService.Issued key) {
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("id", key.key().id());
    k.put("key", key.secret());
    k.put("seatId", key.key().seatId());
    k.put("scopes", key.key().scopes().stream().sorted().map(OperatorScope::wire).toList());
    k.put("expiresAt", key.key().expiresAt().toString());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seat", seat);
    m.put("operatorKey", k);
    m.put("notice", "the operator key is shown once: store it (mode 600) now");
    return m;
  }
}
