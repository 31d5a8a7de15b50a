package org.centurion.seatmanager.auth;

import static org.centurion.seatmanager.auth.UserStore.instant;
import static org.centurion.seatmanager.auth.UserStore.ts;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.centurion.seatmanager.problem.Problem;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Operator API keys (issue 16): bearer keys bound to one seat, with scopes and an expiry, shown once
 * and stored only as HMAC-SHA256 under their own secret ({@code SEAT_MANAGER_OPERATOR_KEY_HASH_SECRET}),
 * so a leak of the session secret does not let anyone test guesses against them.
 */
public final class OperatorKeyService {
  /** A seat may have at most this many live keys: a rotation loop cannot flood the table. */
  public static final int MAX_LIVE_KEYS_PER_SEAT = 5;
  public static final String TOO_MANY_KEYS = "OPERATOR_KEY_LIMIT";
  private static final String DOMAIN = "operator-api-key";

  private final Jdbi jdbi;
  private final Hmac hmac;
  private final Clock clock;
  private final Duration ttl;

  public OperatorKeyService(Jdbi jdbi, Hmac operatorKeyHmac, Clock clock, Duration ttl) {
    this.jdbi = jdbi;
    this.hmac = operatorKeyHmac;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** A new key and its secret, which is never stored and shown once. */
  public record Issued(OperatorKey key, String secret) {
    @Override
    public String toString() {
      return "Issued[" + key + ", secret redacted]";
    }
  }

  /** Issues a key for the seat inside the caller's transaction (enrollment consumes its token in the same one). */
  public Issued issue(Handle h, long seatId, Set<OperatorScope> scopes, String createdBy) {
    if (scopes.isEmpty()) {
      throw Problem.badRequest("INVALID_SCOPES", "an operator key needs at least one scope");
    }
    int live = h.createQuery("SELECT count(*) FROM operator_api_keys WHERE seat_id = :s AND revoked_at IS NULL"
        + " AND expires_at > :now").bind("s", seatId).bind("now", ts(clock.instant())).mapTo(Integer.class).one();
    if (live >= MAX_LIVE_KEYS_PER_SEAT) {
      throw Problem.conflict(TOO_MANY_KEYS, "the seat already has " + live + " live operator keys: an ADMIN must revoke one");
    }
    String secret = Tokens.newOperatorKey();
    Instant now = clock.instant();
    OperatorKey key = h.createQuery("INSERT INTO operator_api_keys (key_hmac, seat_id, scopes, expires_at, created_at,"
            + " created_by) VALUES (:k, :s, :scopes, :e, :now, :by) RETURNING *")
        .bind("k", hmac.sign(DOMAIN, secret)).bind("s", seatId).bind("scopes", wire(scopes))
        .bind("e", ts(now.plus(ttl))).bind("now", ts(now)).bind("by", createdBy)
        .map((rs, c) -> map(rs)).one();
    return new Issued(key, secret);
  }

  /**
   * Replaces a key: the old one is revoked and a new one with the same seat and scopes issued, in one
   * transaction; a key that is no longer live (revoked by an ADMIN meanwhile) cannot rotate itself back.
   */
  public Issued rotate(long keyId, String actor) {
    return jdbi.inTransaction(h -> {
      Optional<OperatorKey> old = h.createQuery("SELECT * FROM operator_api_keys WHERE id = :id AND revoked_at IS NULL"
              + " AND expires_at > :now FOR UPDATE").bind("id", keyId).bind("now", ts(clock.instant()))
          .map((rs, c) -> map(rs)).findOne();
      if (old.isEmpty()) {
        throw Problem.unauthorized("INVALID_CREDENTIALS", "unknown, expired or revoked credential");
      }
      revoke(h, keyId, actor);
      return issue(h, old.get().seatId(), old.get().scopes(), actor);
    });
  }

  /** Revokes a key; false when there is no such live key. */
  public boolean revoke(long id, String by) {
    return jdbi.withHandle(h -> revoke(h, id, by));
  }

  private boolean revoke(Handle h, long id, String by) {
    return h.createUpdate("UPDATE operator_api_keys SET revoked_at = :now, revoked_by = :by WHERE id = :id"
        + " AND revoked_at IS NULL").bind("now", ts(clock.instant())).bind("by", by).bind("id", id).execute() == 1;
  }

  public Optional<OperatorKey> find(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM operator_api_keys WHERE id = :id").bind("id", id)
        .map((rs, c) -> map(rs)).findOne());
  }

  public List<OperatorKey> forSeat(long seatId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM operator_api_keys WHERE seat_id = :s ORDER BY id")
        .bind("s", seatId).map((rs, c) -> map(rs)).list());
  }

  /** The live key for a presented secret: not revoked, not expired. */
  public Optional<OperatorKey> resolve(String secret) {
    if (secret == null || !secret.startsWith(Tokens.OPERATOR_KEY_PREFIX) || secret.length() > 100) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM operator_api_keys WHERE key_hmac = :k"
            + " AND revoked_at IS NULL AND expires_at > :now")
        .bind("k", hmac.sign(DOMAIN, secret)).bind("now", ts(clock.instant())).map((rs, c) -> map(rs)).findOne());
  }

  static String[] wire(Set<OperatorScope> scopes) {
    return scopes.stream().sorted().map(OperatorScope::wire).toArray(String[]::new);
  }

  private static OperatorKey map(ResultSet rs) throws SQLException {
    Array a = rs.getArray("scopes");
    Set<OperatorScope> scopes = EnumSet.noneOf(OperatorScope.class);
    Arrays.stream((String[]) a.getArray()).map(OperatorScope::ofWire).flatMap(Optional::stream).forEach(scopes::add);
    return new OperatorKey(rs.getLong("id"), rs.getLong("seat_id"), scopes, instant(rs, "expires_at"),
        instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "revoked_at"), rs.getString("revoked_by"));
  }
}
