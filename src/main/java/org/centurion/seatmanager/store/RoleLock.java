package org.centurion.seatmanager.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import org.centurion.seatmanager.config.DatabaseUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership for one role (e.g. {@code executor}) across every process on the database: a PostgreSQL
 * session advisory lock held on a connection of its own. Not from the pool, because the lock lives
 * exactly as long as that session: when the process dies or its connection breaks, PostgreSQL releases
 * it and another instance can take over.
 */
public final class RoleLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RoleLock.class);
  private static final int VALIDATION_SECONDS = 2;

  private final DatabaseUrl database;
  private final String role;
  private Connection connection;

  public RoleLock(DatabaseUrl database, String role) {
    this.database = Objects.requireNonNull(database, "database");
    if (role == null || !role.matches("[a-z][a-z0-9_-]{0,63}")) {
      throw new IllegalArgumentException("role must be a short lower-case name");
    }
    this.role = role;
  }

  public String role() {
    return role;
  }

  /** Takes the lock if nobody holds it; true when this instance holds it afterwards. */
  public synchronized boolean tryAcquire() {
    if (isHeld()) {
      return true;
    }
    closeQuietly();
    Connection c = null;
    try {
      c = DriverManager.getConnection(database.jdbcUrl(), database.user().orElse(null), database.password().orElse(null));
      c.setAutoCommit(true);
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
        ps.setString(1, "seat-manager:" + role);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) {
            connection = c;
            LOG.info("took the '{}' role lock", role);
            return true;
          }
        }
      }
      c.close();
      return false;
    } catch (SQLException e) {
      LOG.warn("cannot take the '{}' role lock: {}", role, e.getMessage());
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // the session is gone either way
        }
      }
      return false;
    }
  }

  /** True while the lock's session is alive; a broken connection means the lock may be someone else's now. */
  public synchronized boolean isHeld() {
    if (connection == null) {
      return false;
    }
    try {
      if (connection.isValid(VALIDATION_SECONDS)) {
        return true;
      }
    } catch (SQLException e) {
      // treated as lost below
    }
    LOG.warn("lost the '{}' role lock: its database session ended", role);
    closeQuietly();
    return false;
  }

  /** Releases the lock by ending its session. */
  @Override
  public synchronized void close() {
    if (connection != null) {
      LOG.info("releasing the '{}' role lock", role);
    }
    closeQuietly();
  }

  private void closeQuietly() {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing ends the session, which releases the lock
    }
    connection = null;
  }

  @Override
  public String toString() {
    return "RoleLock[" + role + "]";
  }
}
