package org.centurion.seatmanager.watch;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.store.LeaderTerm;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The persisted cursors and lag of every watcher role ({@code watcher_cursors}). */
public final class WatcherCursors {
  private static final int MAX_ERROR = 300;
  private final Jdbi jdbi;
  private final Clock clock;

  public WatcherCursors(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public Optional<WatcherCursor> get(String role) {
    return jdbi.withHandle(h -> get(h, role));
  }

  public Optional<WatcherCursor> get(Handle h, String role) {
    return h.createQuery("SELECT * FROM watcher_cursors WHERE role = :role").bind("role", role).map((rs, ctx) -> map(rs)).findOne();
  }

  public List<WatcherCursor> all() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM watcher_cursors ORDER BY role").map((rs, ctx) -> map(rs)).list());
  }

  /** Advances (or, on a rewind, moves back) the cursor in the caller's transaction and clears the error. */
  public void advance(Handle h, String role, long cursor, long head, String holder) {
    LeaderTerm.requireCurrent(h);
    OffsetDateTime now = now();
    h.createUpdate("INSERT INTO watcher_cursors (role, cursor_position, head_position, lag, holder, last_success_at, updated_at)"
            + " VALUES (:role, :cursor, :head, :lag, :holder, :now, :now) ON CONFLICT (role) DO UPDATE SET"
            + " cursor_position = EXCLUDED.cursor_position, head_position = EXCLUDED.head_position, lag = EXCLUDED.lag,"
            + " holder = EXCLUDED.holder, last_success_at = EXCLUDED.last_success_at, last_error = NULL,"
            + " last_error_at = NULL, updated_at = EXCLUDED.updated_at")
        .bind("role", role).bind("cursor", cursor).bind("head", Math.max(head, cursor))
        .bind("lag", Math.max(0, head - cursor)).bind("holder", holder).bind("now", now).execute();
  }

  /**
   * A round that failed still learned where the head is: records it and the true lag, without
   * moving the cursor or counting as a success (a stalled watcher stays stalled).
   */
  public void observeHead(String role, long cursor, long head) {
    jdbi.useTransaction(h -> fenced(h).createUpdate("UPDATE watcher_cursors SET head_position = GREATEST(cursor_position, :head),"
            + " lag = GREATEST(0, :head - cursor_position), updated_at = :now WHERE role = :role")
        .bind("role", role).bind("head", Math.max(Math.max(head, cursor), 0)).bind("now", now()).execute());
  }

  /** Records a failed round without moving the cursor (the row must exist: a role records success first). */
  public void failed(String role, String error) {
    String e = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
    jdbi.useTransaction(h -> fenced(h).createUpdate("UPDATE watcher_cursors SET last_error = :e, last_error_at = :now, updated_at = :now"
        + " WHERE role = :role").bind("e", e).bind("now", now()).bind("role", role).execute());
  }

  /** The calling thread's leadership, if it acts for a role, is checked in this transaction. */
  private static Handle fenced(Handle h) {
    LeaderTerm.requireCurrent(h);
    return h;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static WatcherCursor map(java.sql.ResultSet rs) throws java.sql.SQLException {
    Timestamp errAt = rs.getTimestamp("last_error_at");
    return new WatcherCursor(rs.getString("role"), rs.getLong("cursor_position"), rs.getLong("head_position"),
        rs.getLong("lag"), rs.getString("holder"), rs.getTimestamp("last_success_at").toInstant(),
        Optional.ofNullable(rs.getString("last_error")), Optional.ofNullable(errAt).map(Timestamp::toInstant),
        rs.getTimestamp("updated_at").toInstant());
  }
}
