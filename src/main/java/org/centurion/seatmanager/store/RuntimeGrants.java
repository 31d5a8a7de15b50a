package org.centurion.seatmanager.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.centurion.seatmanager.config.ConfigException;

/**
 * What the runtime role may do, granted by the migration (owner) role after every {@code db migrate}:
 * everything an ordinary table needs (SELECT, INSERT, UPDATE, DELETE; sequences), also on tables created
 * later ({@code ALTER DEFAULT PRIVILEGES}, so a new feature's tables work without touching this class),
 * and on the {@link #APPEND_ONLY evidence tables} only INSERT and SELECT. Never TRUNCATE, never
 * ownership: the runtime role can neither rewrite those rows nor switch their triggers off.
 */
public final class RuntimeGrants {
  /** The evidence the application may add to but never change: INSERT and SELECT only. */
  public static final List<String> APPEND_ONLY = List.of("audit_log", "seat_evidence", "operation_history",
      "treasury_deposit_signatures");
  /** Tables with an exact column-level UPDATE: what was signed never changes, only its broadcast record. */
  public static final Map<String, List<String>> UPDATE_COLUMNS_ONLY = Map.of(
      "tx_attempts", List.of("broadcast_at", "broadcast_error"));
  /** Read-only to the runtime role: the schema history SchemaGuard reads. */
  public static final List<String> READ_ONLY = List.of("flyway_schema_history");
  private static final String ROLE_NAME = "[a-z_][a-z0-9_]{0,62}";

  private RuntimeGrants() {}

  /** A PostgreSQL role name this class will put into SQL: lower-case identifier characters only. */
  public static String requireRoleName(String role) {
    if (role == null || !role.matches(ROLE_NAME)) {
      throw new ConfigException(List.of("SEAT_MANAGER_RUNTIME_DATABASE_ROLE must be a lower-case PostgreSQL role name"
          + " (letters, digits, underscore)"));
    }
    return role;
  }

  /**
   * Grants the runtime role its privileges on the current schema, as the role that owns the tables,
   * and returns what still does not hold afterwards (empty when all is as it must be).
   */
  public static List<String> apply(DataSource owner, String runtimeRole) {
    String role = requireRoleName(runtimeRole);
    try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
      // one transaction: the broad grant below never stands without the revokes that follow it
      c.setAutoCommit(false);
      if (!roleExists(c, role)) {
        throw new ConfigException(List.of("the runtime database role '" + role + "' does not exist: create it first"
            + " (CREATE ROLE " + role + " LOGIN PASSWORD '…'), then run 'seat-manager db migrate' again"));
      }
      String db = quoted(currentDatabase(c));
      String schema = quoted(currentSchema(c));
      s.execute("GRANT CONNECT ON DATABASE " + db + " TO " + role);
      s.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
      s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + role);
      s.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + role);
      s.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA " + schema + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + role);
      s.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA " + schema + " GRANT USAGE, SELECT ON SEQUENCES TO " + role);
      for (String t : APPEND_ONLY) {
        s.execute("REVOKE ALL ON " + t + " FROM PUBLIC");
        s.execute("REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON " + t + " FROM " + role);
        s.execute("GRANT SELECT, INSERT ON " + t + " TO " + role);
      }
      for (Map.Entry<String, List<String>> e : UPDATE_COLUMNS_ONLY.entrySet()) {
        s.execute("REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON " + e.getKey() + " FROM " + role);
        s.execute("GRANT SELECT, INSERT, UPDATE (" + String.join(", ", e.getValue()) + ") ON " + e.getKey() + " TO " + role);
      }
      for (String t : READ_ONLY) {
        s.execute("REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON " + t + " FROM " + role);
        s.execute("GRANT SELECT ON " + t + " TO " + role);
      }
      c.commit();
      return rewritePowers(c, role);
    } catch (SQLException e) {
      throw new ConfigException(List.of("cannot grant the runtime role '" + role + "' its privileges: "
          + e.getMessage() + ": run 'seat-manager db migrate' as the tables' owner (SEAT_MANAGER_MIGRATION_DATABASE_URL)"));
    }
  }

  /**
   * Every way {@code role} could alter or remove evidence rows: superuser, membership in the owner of a
   * protected table (owners may disable triggers), or UPDATE, DELETE or TRUNCATE on one. Empty: none.
   */
  public static List<String> rewritePowers(Connection c, String role) throws SQLException {
    List<String> powers = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT rolsuper FROM pg_roles WHERE rolname = ?")) {
      ps.setString(1, role);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getBoolean(1)) {
          powers.add("'" + role + "' is a superuser");
          return powers;
        }
      }
    }
    List<String> guarded = new ArrayList<>(APPEND_ONLY);
    guarded.addAll(UPDATE_COLUMNS_ONLY.keySet());
    String sql = "SELECT c.relname, pg_has_role(?, c.relowner, 'USAGE') AS owns,"
        + " has_table_privilege(?, c.oid, 'UPDATE') AS upd, has_table_privilege(?, c.oid, 'DELETE') AS del,"
        + " has_table_privilege(?, c.oid, 'TRUNCATE') AS trunc FROM pg_class c"
        + " WHERE c.relname = ANY (?) AND c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace ORDER BY c.relname";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 1; i <= 4; i++) {
        ps.setString(i, role);
      }
      ps.setArray(5, c.createArrayOf("text", guarded.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String t = rs.getString(1);
          if (rs.getBoolean("owns")) {
            powers.add("'" + role + "' owns " + t);
          } else {
            List<String> privileges = new ArrayList<>();
            if (rs.getBoolean("upd")) {
              privileges.add("UPDATE");
            }
            if (rs.getBoolean("del")) {
              privileges.add("DELETE");
            }
            if (rs.getBoolean("trunc")) {
              privileges.add("TRUNCATE");
            }
            if (!privileges.isEmpty()) {
              powers.add("'" + role + "' has " + String.join("/", privileges) + " on " + t);
            }
          }
        }
      }
    }
    return powers;
  }

  private static boolean roleExists(Connection c, String role) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      ps.setString(1, role);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static String currentDatabase(Connection c) throws SQLException {
    return single(c, "SELECT current_database()");
  }

  private static String currentSchema(Connection c) throws SQLException {
    return single(c, "SELECT current_schema()");
  }

  private static String single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** An identifier the database named (a database or schema name), quoted for SQL. */
  private static String quoted(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
