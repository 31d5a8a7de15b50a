package org.centurion.seatmanager.store;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import org.centurion.seatmanager.config.DatabaseUrl;

/**
 * Why the database cannot be used, in words an operator can act on: nothing listening, an unknown
 * host, no answer, a database that does not exist, a user or password refused. One direct connection
 * with short timeouts, so that a start-up or {@code db status} says which within a few seconds. Names
 * the host, port, database and user, never the password.
 */
public final class DatabaseDiagnosis {
  static final int CONNECT_SECONDS = 2;

  private DatabaseDiagnosis() {}

  /** Empty when a connection can be opened; otherwise what is wrong. */
  public static Optional<String> problem(DatabaseUrl url) {
    Properties p = new Properties();
    url.user().ifPresent(u -> p.setProperty("user", u));
    url.password().ifPresent(pw -> p.setProperty("password", pw));
    p.setProperty("connectTimeout", Integer.toString(CONNECT_SECONDS));
    p.setProperty("loginTimeout", Integer.toString(CONNECT_SECONDS + 1));
    p.setProperty("socketTimeout", Integer.toString(CONNECT_SECONDS + 3));
    p.setProperty("ApplicationName", "seat-manager-diagnosis");
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), p)) {
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(describe(e, Target.of(url)));
    }
  }

  static String describe(SQLException e, Target t) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.equals("3D000")) {
      return "database \"" + t.database + "\" does not exist on " + t.hostPort() + ": create it, or fix its name in the URL";
    }
    if (state.equals("28P01")) {
      return "PostgreSQL at " + t.hostPort() + " refused the password of user \"" + t.user + "\"";
    }
    if (state.startsWith("28")) {
      return "PostgreSQL at " + t.hostPort() + " does not let user \"" + t.user + "\" connect to \"" + t.database
          + "\" (no such role, or pg_hba.conf refuses it)";
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof UnknownHostException) {
        return "unknown host \"" + t.host + "\": check the host in the URL";
      }
      if (c instanceof ConnectException) {
        return "nothing accepts connections at " + t.hostPort() + ": is PostgreSQL running, on that port?";
      }
      if (c instanceof SocketTimeoutException) {
        return "no answer from " + t.hostPort() + " within " + CONNECT_SECONDS + " s: a firewall, or the wrong address?";
      }
    }
    return "cannot connect to " + t.hostPort() + " as \"" + t.user + "\": " + e.getMessage();
  }

  /** Where the URL points, as PostgreSQL's driver reads it. */
  record Target(String host, String port, String database, String user) {
    static Target of(DatabaseUrl url) {
      Properties parsed = org.postgresql.Driver.parseURL(url.jdbcUrl(), null);
      if (parsed == null) {
        return new Target("?", "?", "?", url.user().orElse("?"));
      }
      return new Target(parsed.getProperty("PGHOST", "localhost"), parsed.getProperty("PGPORT", "5432"),
          parsed.getProperty("PGDBNAME", "?"), url.user().orElse(parsed.getProperty("user", "?")));
    }

    String hostPort() {
      return host + ":" + port;
    }
  }
}
