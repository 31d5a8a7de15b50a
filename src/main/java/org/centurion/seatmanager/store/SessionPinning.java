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
      for (int i = 0; i < PROBES; i++) {
        if (RoleLock.backendPid(c) != first) {
          throw new ConfigException(List.of("DATABASE_URL: " + POOLER));
        }
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
}
