package org.centurion.seatmanager.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.config.DatabaseUrl;

/**
 * Role locks are session advisory locks: they need every statement of a connection to run on one
 * backend. A transaction-mode pooler (pgbouncer {@code pool_mode=transaction}) hands each statement to
 * any backend, so a lock would be held by a session nobody controls. {@code watch} checks before it
 * leads anything and refuses to start.
 *
 * <p>One connection alone cannot tell: a pooler that reuses the most recently used server (pgbouncer's
 * default) hands a lone client the same backend every time. So a second connection runs beside it. A
 * direct or session-pooled connection owns its backend for its lifetime; two open connections never
 * share one and neither one's backend changes. Behind a transaction-mode pooler the second connection
 * is handed the first one's idle backend (last-used order), or the first one's backend changes between
 * statements (round-robin order).
 */
public final class SessionPinning {
  static final String POOLER = "the connection is not pinned to one PostgreSQL session (a transaction-mode pooler such"
      + " as pgbouncer pool_mode=transaction?): role locks need a direct connection or a session-mode pool";
  private static final int PROBES = 5;

  private SessionPinning() {}

  /** @throws ConfigException when successive statements of one connection reach different backends */
  public static void require(DatabaseUrl database) {
    try (Connection c = RoleLock.connect(database, RoleLock.DEFAULT_LEASE)) {
      int first = RoleLock.backendPid(c);
      if (!ownsItsBackend(c, first, database)) {
        throw new ConfigException(List.of("DATABASE_URL: " + POOLER));
      }
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_lock(hashtext('seat-manager:session-pinning-probe'))");
        var rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            + " AND pid = pg_backend_pid()");
        rs.next();
        boolean visible = rs.getLong(1) > 0;
        s.execute("SELECT pg_advisory_unlock(hashtext('seat-manager:session-pinning-probe'))");
        if (!visible || RoleLock.backendPid(c) != first) {
          throw new ConfigException(List.of("DATABASE_URL: " + POOLER));
        }
      }
    } catch (SQLException e) {
      throw new ConfigException(List.of("DATABASE_URL: cannot check the database session: " + e.getMessage()));
    }
  }

  /**
   * True when {@code pinned} keeps backend {@code pid} to itself: a second connection opened beside it
   * never reaches that backend, and neither connection's backend changes over a few statements.
   */
  static boolean ownsItsBackend(Connection pinned, int pid, DatabaseUrl database) throws SQLException {
    try (Connection other = RoleLock.connect(database, RoleLock.DEFAULT_LEASE)) {
      int otherPid = RoleLock.backendPid(other);
      for (int i = 0; i < PROBES; i++) {
        if (otherPid == pid || RoleLock.backendPid(pinned) != pid || RoleLock.backendPid(other) != otherPid) {
          return false;
        }
      }
      return true;
    }
  }
}
