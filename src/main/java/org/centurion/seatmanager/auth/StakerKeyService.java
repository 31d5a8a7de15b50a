package org.centurion.seatmanager.auth;

import org.centurion.seatmanager.problem.ErrorCodes;
import static org.centurion.seatmanager.auth.UserStore.instant;
import static org.centurion.seatmanager.auth.UserStore.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.problem.Problem;
import org.jdbi.v3.core.Jdbi;
import org.web3j.crypto.Keys;

/**
 * Staker API keys (CSM-04): read-only bearer keys bound to one checksummed address, stored only
 * as HMAC-SHA256 under SESSION_HMAC_SECRET, shown once at creation.
 */
public final class StakerKeyService {
  private static final String DOMAIN = "staker-key";

  private final Jdbi jdbi;
  private final Hmac hmac;
  private final Clock clock;

  public StakerKeyService(Jdbi jdbi, Hmac sessionHmac, Clock clock) {
    this.jdbi = jdbi;
    this.hmac = sessionHmac;
    this.clock = clock;
  }

  public record Created(StakerKey key, String secret) {
    @Override
    public String toString() {
      return "Created[" + key + ", secret redacted]";
    }
  }

  /**
   * The EIP-55 form of an address. All-lower or all-upper hex is accepted as is; mixed case must
   * be a correct checksum (a wrong one is likely a typo).
   */
  public static String checksummed(String address) {
    if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
      throw Problem.badRequest(ErrorCodes.INVALID_ADDRESS, "an address is 0x followed by 40 hex digits");
    }
    String sum = Keys.toChecksumAddress(address.toLowerCase(java.util.Locale.ROOT));
    String hex = address.substring(2);
    boolean mixed = !hex.equals(hex.toLowerCase(java.util.Locale.ROOT)) && !hex.equals(hex.toUpperCase(java.util.Locale.ROOT));
    if (mixed && !sum.equals(address)) {
      throw Problem.badRequest(ErrorCodes.INVALID_ADDRESS, "the address's EIP-55 checksum is wrong");
    }
    return sum;
  }

  public Created create(String address, String label, Optional<Instant> expiresAt, String createdBy) {
    String sum = checksummed(address);
    String l = label == null ? "" : label.strip();
    if (l.length() > 100) {
      throw Problem.badRequest(ErrorCodes.INVALID_LABEL, "a label is at most 100 characters");
    }
    Instant now = clock.instant();
    if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
      throw Problem.badRequest(ErrorCodes.INVALID_EXPIRY, "expiresAt must be in the future");
    }
    String secret = Tokens.newStakerKey();
    StakerKey key = jdbi.withHandle(h -> h.createQuery("INSERT INTO staker_keys (key_hmac, staker_address, label,"
            + " expires_at, created_at, created_by) VALUES (:k, :a, :l, :e, :now, :by) RETURNING *")
        .bind("k", hmac.sign(DOMAIN, secret)).bind("a", sum).bind("l", l).bind("e", ts(expiresAt.orElse(null)))
        .bind("now", ts(now)).bind("by", createdBy).map((rs, c) -> map(rs)).one());
    return new Created(key, secret);
  }

  public List<StakerKey> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM staker_keys ORDER BY id").map((rs, c) -> map(rs)).list());
  }

  /** Revokes a key; false when there is no such key or it was already revoked. */
  public boolean revoke(long id) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE staker_keys SET revoked_at = :now WHERE id = :id"
        + " AND revoked_at IS NULL").bind("now", ts(clock.instant())).bind("id", id).execute()) == 1;
  }

  public Optional<StakerKey> find(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM staker_keys WHERE id = :id").bind("id", id)
        .map((rs, c) -> map(rs)).findOne());
  }

  /** The live key for a presented secret: not revoked, not expired. */
  public Optional<StakerKey> resolve(String secret) {
    if (secret == null || !secret.startsWith(Tokens.STAKER_KEY_PREFIX) || secret.length() > 100) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM staker_keys WHERE key_hmac = :k AND revoked_at IS NULL"
            + " AND (expires_at IS NULL OR expires_at > :now)")
        .bind("k", hmac.sign(DOMAIN, secret)).bind("now", ts(now)).map((rs, c) -> map(rs)).findOne());
  }

  private static StakerKey map(ResultSet rs) throws SQLException {
    return new StakerKey(rs.getLong("id"), rs.getString("staker_address"), rs.getString("label"),
        instant(rs, "expires_at"), instant(rs, "revoked_at"), instant(rs, "created_at"), rs.getString("created_by"));
  }
}
