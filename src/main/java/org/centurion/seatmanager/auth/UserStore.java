package org.centurion.seatmanager.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** SQL for the users table. */
final class UserStore {
  private final Jdbi jdbi;

  UserStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  static OffsetDateTime ts(Instant t) {
    return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static StoredUser map(ResultSet rs) throws SQLException {
    User u = new User(rs.getLong("id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
        rs.getBoolean("password_temporary"), rs.getBoolean("disabled"), rs.getBoolean("totp_enabled"),
        instant(rs, "created_at"));
    long counter = rs.getLong("totp_last_counter");
    return new StoredUser(u, rs.getString("password_hash"), rs.getInt("failed_logins"),
        instant(rs, "locked_until"), rs.getBytes("totp_secret"), rs.wasNull() ? null : counter,
        instant(rs, "password_temporary_until"), rs.getBytes("totp_pending_secret"));
  }

  Optional<StoredUser> byUsername(String username) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users WHERE username = :u").bind("u", username)
        .map((rs, c) -> map(rs)).findOne());
  }

  Optional<StoredUser> byId(long id) {
    return jdbi.withHandle(h -> byId(h, id));
  }

  static Optional<StoredUser> byId(Handle h, long id) {
    return h.createQuery("SELECT * FROM users WHERE id = :id").bind("id", id).map((rs, c) -> map(rs)).findOne();
  }

  List<User> all() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users ORDER BY id").map((rs, c) -> map(rs).user()).list());
  }

  /** Empty when the username is taken. */
  Optional<User> insert(String username, Role role, String hash, Instant now, Instant temporaryUntil) {
    return jdbi.withHandle(h -> h.createQuery("INSERT INTO users (username, role, password_hash,"
            + " password_temporary, password_temporary_until, created_at, updated_at)"
            + " VALUES (:u, :r, :h, true, :until, :now, :now)"
            + " ON CONFLICT (username) DO NOTHING RETURNING *")
        .bind("u", username).bind("r", role.name()).bind("h", hash).bind("now", ts(now)).bind("until", ts(temporaryUntil))
        .map((rs, c) -> map(rs).user()).findOne());
  }

  /**
   * Reserves one password check (see {@link PasswordCheck}): counts it as a failure and, when that
   * reaches {@code threshold}, locks until {@code lockedUntil}, in one statement. Empty when the
   * account is locked: nothing may be checked then. A lock that has run out starts a fresh count.
   */
  java.util.OptionalInt reserveAttempt(long id, int threshold, Instant lockedUntil, Instant now) {
    return jdbi.withHandle(h -> h.createQuery("UPDATE users SET"
            + " failed_logins = (CASE WHEN locked_until IS NOT NULL THEN 0 ELSE failed_logins END) + 1,"
            + " locked_until = CASE WHEN (CASE WHEN locked_until IS NOT NULL THEN 0 ELSE failed_logins END) + 1 >= :t"
            + "   THEN :until ELSE NULL END,"
            + " updated_at = :now WHERE id = :id AND (locked_until IS NULL OR locked_until <= :now)"
            + " RETURNING failed_logins")
        .bind("t", threshold).bind("until", ts(lockedUntil)).bind("now", ts(now)).bind("id", id)
        .mapTo(Integer.class).findOne()
        .map(java.util.OptionalInt::of).orElse(java.util.OptionalInt.empty()));
  }

  void recordSuccess(long id, Instant now) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE users SET failed_logins = 0, locked_until = NULL,"
        + " updated_at = :now WHERE id = :id").bind("now", ts(now)).bind("id", id).execute());
  }

  /** @param temporaryUntil when a temporary password stops working; null for the user's own password */
  static void setPassword(Handle h, long id, String hash, Instant temporaryUntil, Instant now) {
    h.createUpdate("UPDATE users SET password_hash = :h, password_temporary = :t, password_temporary_until = :until,"
            + " failed_logins = 0, locked_until = NULL, updated_at = :now WHERE id = :id")
        .bind("h", hash).bind("t", temporaryUntil != null).bind("until", ts(temporaryUntil)).bind("now", ts(now))
        .bind("id", id).execute();
  }

  static void setRoleAndDisabled(Handle h, long id, Role role, boolean disabled, Instant now) {
    h.createUpdate("UPDATE users SET role = :r, disabled = :d, updated_at = :now WHERE id = :id")
        .bind("r", role.name()).bind("d", disabled).bind("now", ts(now)).bind("id", id).execute();
  }

  /** A TOTP enrolment in progress: the enrolled secret, if any, stays in force until this one is confirmed. */
  void setPendingTotp(long id, byte[] sealed, Instant now) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE users SET totp_pending_secret = :s, updated_at = :now WHERE id = :id")
        .bind("s", sealed).bind("now", ts(now)).bind("id", id).execute());
  }

  /**
   * Turns the pending secret (exactly {@code pending}, so two confirmations cannot cross) into the
   * enrolled one, with {@code counter} already spent. False when it was no longer pending.
   */
  boolean activatePendingTotp(long id, byte[] pending, long counter, Instant now) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE users SET totp_secret = totp_pending_secret,"
            + " totp_pending_secret = NULL, totp_enabled = true, totp_last_counter = :c, updated_at = :now"
            + " WHERE id = :id AND totp_pending_secret = :p")
        .bind("c", counter).bind("now", ts(now)).bind("id", id).bind("p", pending).execute()) == 1;
  }

  /** Replaces a sealed secret by the same secret sealed under the current key, unless it changed meanwhile. */
  void resealTotp(long id, byte[] old, byte[] resealed) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE users SET totp_secret = :n WHERE id = :id AND totp_secret = :o")
        .bind("n", resealed).bind("id", id).bind("o", old).execute());
  }

  /** Forgets every TOTP enrolment of the user (the CLI's reset-mfa). */
  static void clearTotp(Handle h, long id, Instant now) {
    h.createUpdate("UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled = false,"
        + " totp_last_counter = NULL, updated_at = :now WHERE id = :id").bind("now", ts(now)).bind("id", id).execute();
  }

  /** Accepts a TOTP counter only once and only moving forward: a replayed code fails. */
  boolean consumeTotpCounter(long id, long counter) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE users SET totp_last_counter = :c WHERE id = :id"
            + " AND (totp_last_counter IS NULL OR totp_last_counter < :c)")
        .bind("c", counter).bind("id", id).execute()) == 1;
  }
}
