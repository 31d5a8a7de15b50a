package org.centurion.seatmanager.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.centurion.seatmanager.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serving process (api, watch, executor) must connect as the runtime role, which can add audit and
 * evidence rows but never alter or delete them. In production a role that can (a superuser, the
 * tables' owner, or one granted UPDATE, DELETE or TRUNCATE on them) is refused; in development it is
 * a warning, so a laptop with one PostgreSQL user still starts.
 */
public final class DatabaseRoleGuard {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseRoleGuard.class);
  /** The fix, named in the one line a refusal prints. */
  static final String FIX = "connect DATABASE_URL as the runtime role and run 'seat-manager db migrate' with"
      + " SEAT_MANAGER_MIGRATION_DATABASE_URL (the owner) and SEAT_MANAGER_RUNTIME_DATABASE_ROLE to grant it";

  private DatabaseRoleGuard() {}

  /** @throws ConfigException in production when this connection's role can rewrite evidence */
  public static void requireRuntimeRole(Database db, boolean production) {
    List<String> powers;
    try (Connection c = db.dataSource().getConnection()) {
      powers = RuntimeGrants.rewritePowers(c, currentUser(c));
    } catch (SQLException e) {
      throw new ConfigException(List.of("DATABASE_URL: cannot read the role's privileges: " + e.getMessage()));
    }
    if (powers.isEmpty()) {
      return;
    }
    String line = "DATABASE_URL: the role can alter or delete audit rows (" + String.join("; ", powers) + "): " + FIX;
    if (production) {
      throw new ConfigException(List.of(line));
    }
    LOG.warn("{} (allowed in development only)", line);
  }

  private static String currentUser(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_user")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
