package org.centurion.seatmanager.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;

/**
 * Tells a database that is away (stopped, restarting, unreachable, pool exhausted past its
 * connection timeout) from every other failure: the first is answered 503 and recovers by itself,
 * the second is a bug.
 */
public final class DatabaseUnavailable {
  /** SQLSTATE class 08: connection exception. */
  private static final String CONNECTION_EXCEPTION_CLASS = "08";
  /** SQLSTATE 57P01..57P03: admin shutdown, crash shutdown, cannot connect now. */
  private static final String OPERATOR_INTERVENTION_SHUTDOWN = "57P0";

  private DatabaseUnavailable() {}

  /** True when {@code t} or one of its causes says the database could not be reached. */
  public static boolean isCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ConnectionException || c instanceof SQLTransientConnectionException
          || c instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (c instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS) || sql.getSQLState().startsWith(OPERATOR_INTERVENTION_SHUTDOWN))) {
        return true;
      }
    }
    return false;
  }

  /** The innermost message, for one log line: no stack trace, no bound values. */
  public static String describe(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getClass().getSimpleName() + ": " + c.getMessage();
  }
}
