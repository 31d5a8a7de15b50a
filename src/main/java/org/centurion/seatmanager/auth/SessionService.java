package org.centurion.seatmanager.auth;

import static org.centurion.seatmanager.auth.UserStore.instant;
import static org.centurion.seatmanager.auth.UserStore.ts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Sessions: 256-bit random tokens, stored only as HMAC-SHA256 under SESSION_HMAC_SECRET (so a
 * database leak yields no usable token, and replacing the secret ends every session). Idle and
 * absolute timeouts are enforced on every lookup. A rotation with a grace period ({@link HmacKeys}) keeps
 * sessions: one found under the previous secret is re-hashed under the current one on that request, and
 * its CSRF token stays valid until the grace ends.
 */
public final class SessionService {
  private static final String TOKEN_DOMAIN = "session-token";
  private static final String CSRF_DOMAIN = "session-csrf";

  private final Jdbi jdbi;
  private final Hmac hmac;
  private final HmacKeys keys;
  private final Clock clock;
  private final Duration idle;
  private final Duration absolute;

  public SessionService(Jdbi jdbi, Hmac sessionHmac, Clock clock, Duration idle, Duration absolute) {
    this(jdbi, HmacKeys.of(sessionHmac), clock, idle, absolute);
  }

  /** @param sessionKeys SESSION_HMAC_SECRET and, during a rotation, its previous value */
  public SessionService(Jdbi jdbi, HmacKeys sessionKeys, Clock clock, Duration idle, Duration absolute) {
    this.jdbi = jdbi;
    this.keys = sessionKeys;
    this.hmac = sessionKeys.current();
    this.clock = clock;
    this.idle = idle;
    this.absolute = absolute;
  }

  /** A fresh token every time: a session id planted before login is never adopted. */
  public NewSession create(User user, String clientIp) {
    String token = Tokens.newSessionToken();
    Instant now = clock.instant();
    Instant expires = now.plus(absolute);
    long id = jdbi.withHandle(h -> h.createQuery("INSERT INTO sessions (user_id, token_hmac, created_at,"
            + " last_seen_at, expires_at, client_ip) VALUES (:u, :t, :now, :now, :exp, :ip) RETURNING id")
        .bind("u", user.id()).bind("t", hmac.sign(TOKEN_DOMAIN, token)).bind("now", ts(now))
        .bind("exp", ts(expires)).bind("ip", clientIp).mapTo(Long.class).one());
    return new NewSession(id, user, token, csrfToken(token), expires);
  }

  /** The live session for a token, touching its idle clock; empty when unknown, revoked or expired. */
  static final java.time.Duration LAST_SEEN_GRANULARITY = java.time.Duration.ofSeconds(15);

  public Optional<ActiveSession> resolve(String token) {
    return resolve(token, true);
  }

  /**
   * @param activity false for requests a page makes by itself (the console's timed refresh): they are
   *     answered but do not count as use, so a screen left open still reaches the idle timeout
   */
  public Optional<ActiveSession> resolve(String token, boolean activity) {
    if (token == null || !token.startsWith(Tokens.SESSION_PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    for (Hmac key : keys.accepted()) {
      Optional<ActiveSession> found = resolve(token, activity, key, now);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<ActiveSession> resolve(String token, boolean activity, Hmac key, Instant now) {
    byte[] lookup = key.sign(TOKEN_DOMAIN, token);
    return jdbi.withHandle(h -> {
      java.util.concurrent.atomic.AtomicReference<Instant> lastSeen = new java.util.concurrent.atomic.AtomicReference<>();
      Optional<ActiveSession> found = h.createQuery("SELECT s.id AS session_id, s.expires_at AS session_expires,"
              + " s.last_seen_at AS session_last_seen,"
              + " u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hmac = :t"
              + " AND s.revoked_at IS NULL AND s.expires_at > :now AND s.last_seen_at > :idleCutoff"
              + " AND NOT u.disabled")
          .bind("t", lookup).bind("now", ts(now))
          .bind("idleCutoff", ts(now.minus(idle)))
          .map((rs, c) -> {
            lastSeen.set(instant(rs, "session_last_seen"));
            return new ActiveSession(rs.getLong("session_id"), UserStore.map(rs).user(), instant(rs, "session_expires"));
          })
          .findOne();
      // Refresh last-seen at most every LAST_SEEN_GRANULARITY: a write per read request was the largest
      // cost of an authenticated read; the idle timeout is then exact to within that granularity.
      if (activity && found.isPresent() && lastSeen.get().isBefore(now.minus(LAST_SEEN_GRANULARITY))) {
        h.createUpdate("UPDATE sessions SET last_seen_at = :now WHERE id = :id")
            .bind("now", ts(now)).bind("id", found.get().sessionId()).execute();
      }
      if (found.isPresent() && key != hmac) {
        // found under the previous secret: move it to the current one now, so it outlives the grace
        h.createUpdate("UPDATE sessions SET token_hmac = :new WHERE id = :id AND token_hmac = :old")
            .bind("new", hmac.sign(TOKEN_DOMAIN, token)).bind("id", found.get().sessionId()).bind("old", lookup)
            .execute();
      }
      return found;
    });
  }

  /** The session's CSRF token: derived, so nothing more is stored, and useless without the token. */
  public String csrfToken(String sessionToken) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac.sign(CSRF_DOMAIN, sessionToken));
  }

  /** Whether {@code offered} is the session's CSRF token under the current secret, or the previous one in its grace. */
  public boolean csrfMatches(String sessionToken, String offered) {
    if (offered == null) {
      return false;
    }
    byte[] given = offered.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    boolean matched = false;
    for (Hmac key : keys.accepted()) {
      String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(key.sign(CSRF_DOMAIN, sessionToken));
      matched |= Hmac.equal(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8), given);
    }
    return matched;
  }

  public void revoke(long sessionId) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE sessions SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
        .bind("now", ts(clock.instant())).bind("id", sessionId).execute());
  }

  /** Revokes every live session of the user except {@code keep} (null keeps none). */
  static int revokeAllBut(Handle h, long userId, Long keep, Instant now) {
    return h.createUpdate("UPDATE sessions SET revoked_at = :now WHERE user_id = :u AND revoked_at IS NULL"
            + " AND (CAST(:keep AS bigint) IS NULL OR id <> :keep)")
        .bind("now", ts(now)).bind("u", userId).bind("keep", keep).execute();
  }
}
