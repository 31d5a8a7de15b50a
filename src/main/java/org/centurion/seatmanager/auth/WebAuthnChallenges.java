package org.centurion.seatmanager.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * WebAuthn challenges kept on the server (never trusted back from the client): each is bound to the
 * session and user that asked for it and to one purpose, expires after {@link #TTL}, and is deleted by
 * the one request that uses it, so an assertion can be spent once. A session keeps at most
 * {@value #PER_SESSION} of each purpose (older ones are dropped), so asking cannot fill the table.
 */
final class WebAuthnChallenges {
  static final Duration TTL = Duration.ofMinutes(5);
  private static final int PER_SESSION = 4;

  enum Purpose { REGISTRATION, ASSERTION }

  private final Jdbi jdbi;
  private final Clock clock;

  WebAuthnChallenges(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Stores the library's request (its JSON) and returns the challenge's id for the client. */
  String create(long sessionId, long userId, Purpose purpose, String requestJson) {
    String id = Tokens.random256();
    Instant now = clock.instant();
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM webauthn_challenges WHERE expires_at <= :now").bind("now", UserStore.ts(now)).execute();
      h.createUpdate("DELETE FROM webauthn_challenges WHERE session_id = :s AND purpose = :p AND id NOT IN"
              + " (SELECT id FROM webauthn_challenges WHERE session_id = :s AND purpose = :p"
              + " ORDER BY created_at DESC LIMIT :keep)")
          .bind("s", sessionId).bind("p", purpose.name()).bind("keep", PER_SESSION - 1).execute();
      h.createUpdate("INSERT INTO webauthn_challenges (id, session_id, user_id, purpose, request, created_at, expires_at)"
              + " VALUES (:id, :s, :u, :p, :r, :now, :exp)")
          .bind("id", id).bind("s", sessionId).bind("u", userId).bind("p", purpose.name()).bind("r", requestJson)
          .bind("now", UserStore.ts(now)).bind("exp", UserStore.ts(now.plus(TTL))).execute();
    });
    return id;
  }

  /**
   * Takes (deletes) the challenge when it is this session's and user's, for this purpose and unexpired;
   * empty otherwise (unknown, used, expired, or another session's: that one is left alone).
   */
  Optional<String> take(String id, long sessionId, long userId, Purpose purpose) {
    if (id == null || id.length() < 32 || id.length() > 64) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> h.createQuery("DELETE FROM webauthn_challenges WHERE id = :id AND session_id = :s"
            + " AND user_id = :u AND purpose = :p AND expires_at > :now RETURNING request")
        .bind("id", id).bind("s", sessionId).bind("u", userId).bind("p", purpose.name())
        .bind("now", UserStore.ts(clock.instant())).mapTo(String.class).findOne());
  }
}
