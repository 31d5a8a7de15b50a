package org.centurion.seatmanager.operator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.centurion.seatmanager.auth.OperatorScope;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.problem.ProblemKind;
import org.centurion.seatmanager.seats.Seat;
import org.centurion.seatmanager.seats.SeatState;
import org.centurion.seatmanager.seats.SeatStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Issues enrollment tokens for seats in CREATED and makes each one single-use: a row per token (its
 * jti) is written when it is signed and marked consumed, in the enrollment's own transaction, when it
 * is redeemed. A token with a valid signature and no row was never issued by this deployment.
 */
public final class EnrollmentTokens {
  /** What a new operator key may do unless the ADMIN narrows it. */
  public static final Set<OperatorScope> DEFAULT_SCOPES = EnumSet.allOf(OperatorScope.class);
  public static final Duration MAX_TTL = Duration.ofDays(14);

  private final Jdbi jdbi;
  private final SeatStore seats;
  private final EnrollmentKey key;
  private final Duration defaultTtl;
  private final Clock clock;

  EnrollmentTokens(Jdbi jdbi, SeatStore seats, EnrollmentKey key, Duration defaultTtl, Clock clock) {
    this.jdbi = jdbi;
    this.seats = seats;
    this.key = key;
    this.defaultTtl = defaultTtl;
    this.clock = clock;
  }

  /** A new token and what it says. The token is shown once to the ADMIN who issued it. */
  public record Issued(String token, EnrollmentClaims claims) {
    @Override
    public String toString() {
      return "Issued[token redacted, " + claims + "]";
    }
  }

  public Issued issue(long seatId, Optional<Set<OperatorScope>> scopes, Optional<Duration> ttl, String issuedBy) {
    Duration life = ttl.orElse(defaultTtl);
    if (life.isNegative() || life.isZero() || life.compareTo(MAX_TTL) > 0) {
      throw Problem.badRequest(OperatorErrors.INVALID_TTL, "an enrollment token lives between 1 hour and 14 days");
    }
    Set<OperatorScope> granted = scopes.orElse(DEFAULT_SCOPES);
    if (granted.isEmpty()) {
      throw Problem.badRequest(OperatorErrors.INVALID_SCOPES, "an enrollment token grants at least one scope");
    }
    return jdbi.inTransaction(h -> {
      Seat seat = seats.lock(h, seatId).orElseThrow(() -> Problem.notFound("no such seat"));
      if (seat.state() != SeatState.CREATED) {
        throw new Problem(ProblemKind.CONFLICT, OperatorErrors.INVALID_STATE, "an enrollment token is issued only for a seat in CREATED",
            java.util.List.of(java.util.Map.of("currentState", seat.state().name())));
      }
      Instant now = clock.instant();
      // whole seconds: the JWT's iat and exp carry no more, and the row must say exactly what the token says
      Instant issued = Instant.ofEpochSecond(now.getEpochSecond());
      EnrollmentClaims claims = new EnrollmentClaims(UUID.randomUUID(), seatId, seat.operatorId(), seat.beneficiary(),
          seat.pubkey(), seat.vaultAddress(), granted, issued, issued.plus(life), key.keyId());
      h.createUpdate("INSERT INTO enrollment_tokens (jti, seat_id, operator_id, beneficiary, scopes, key_id, issued_at,"
              + " expires_at, issued_by) VALUES (:j, :s, :o, :b, :scopes, :k, :iat, :exp, :by)")
          .bind("j", claims.jti()).bind("s", seatId).bind("o", claims.operatorId()).bind("b", claims.beneficiary())
          .bind("scopes", granted.stream().sorted().map(OperatorScope::wire).toArray(String[]::new))
          .bind("k", key.keyId()).bind("iat", ts(issued)).bind("exp", ts(claims.expiresAt())).bind("by", issuedBy)
          .execute();
      return new Issued(key.sign(claims), claims);
    });
  }

  /**
   * Marks the token consumed inside the enrollment's transaction; a second redemption (even a
   * concurrent one: the row is updated once) is refused with {@link OperatorErrors#TOKEN_USED}.
   */
  void consume(Handle h, EnrollmentClaims claims) {
    int updated = h.createUpdate("UPDATE enrollment_tokens SET consumed_at = :now WHERE jti = :j AND seat_id = :s"
            + " AND key_id = :k AND consumed_at IS NULL AND expires_at > :now")
        .bind("now", ts(clock.instant())).bind("j", claims.jti()).bind("s", claims.seatId()).bind("k", claims.keyId())
        .execute();
    if (updated == 1) {
      return;
    }
    refuse(h, claims);
  }

  /**
   * Refuses a token that can no longer be redeemed before anything else is looked at, so a replay is
   * answered as a replay (and not with the seat's new state); {@link #consume} stays the authority.
   */
  void requireRedeemable(EnrollmentClaims claims) {
    jdbi.useHandle(h -> {
      boolean live = h.createQuery("SELECT EXISTS (SELECT 1 FROM enrollment_tokens WHERE jti = :j AND seat_id = :s"
              + " AND key_id = :k AND consumed_at IS NULL AND expires_at > :now)")
          .bind("j", claims.jti()).bind("s", claims.seatId()).bind("k", claims.keyId()).bind("now", ts(clock.instant()))
          .mapTo(Boolean.class).one();
      if (!live) {
        refuse(h, claims);
      }
    });
  }

  private static void refuse(Handle h, EnrollmentClaims claims) {
    Optional<Boolean> consumed = h.createQuery("SELECT consumed_at IS NOT NULL FROM enrollment_tokens WHERE jti = :j")
        .bind("j", claims.jti()).mapTo(Boolean.class).findOne();
    if (consumed.orElse(false)) {
      throw Problem.conflict(OperatorErrors.TOKEN_USED, "this enrollment token was redeemed already");
    }
    if (consumed.isPresent()) {
      throw new Problem(ProblemKind.UNAUTHENTICATED, OperatorErrors.TOKEN_EXPIRED,
          "the enrollment token has expired: ask the foundation for a new one");
    }
    throw new Problem(ProblemKind.UNAUTHENTICATED, OperatorErrors.TOKEN_INVALID,
        "the enrollment token was not issued by this seat manager");
  }

  private static OffsetDateTime ts(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
