package org.centurion.seatmanager.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.centurion.seatmanager.config.DatabaseUrl;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The connection pool and the JDBI handle every feature's SQL goes through. */
public final class Database implements AutoCloseable {
  /**
   * How long a request waits for a connection before it is answered 503 DATABASE_UNAVAILABLE: the
   * bound on every route's answer while PostgreSQL is away.
   */
  public static final java.time.Duration CONNECTION_TIMEOUT = java.time.Duration.ofSeconds(2);

  /** No transaction of ours idles this long; one that does belongs to a frozen or cut-off process. */
  public static final java.time.Duration IDLE_IN_TRANSACTION = java.time.Duration.ofSeconds(60);

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final DatabaseUrl url;

  private Database(HikariDataSource dataSource, DatabaseUrl url) {
    this.dataSource = dataSource;
    this.url = url;
    this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    // JDBI's default exception text echoes bound arguments (password hashes, token HMACs) into
    // logs and stack traces; keep only the database's own message.
    jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
  }

  public static Database open(DatabaseUrl url, String poolName, int maxPoolSize) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url.jdbcUrl());
    url.user().ifPresent(hc::setUsername);
    url.password().ifPresent(hc::setPassword);
    hc.setPoolName(poolName);
    hc.setMaximumPoolSize(maxPoolSize);
    hc.setMinimumIdle(1);
    hc.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    // Hikari's floor is 250 ms and it must stay below the connection timeout.
    hc.setValidationTimeout(Math.min(2_000, CONNECTION_TIMEOUT.toMillis() - 250));
    // Start even when the database is down: /health must be able to answer 503.
    hc.setInitializationFailTimeout(-1);
    hc.addDataSourceProperty("ApplicationName", "seat-manager");
    hc.addDataSourceProperty("connectTimeout", Long.toString(CONNECTION_TIMEOUT.toSeconds()));
    hc.addDataSourceProperty("socketTimeout", "30");
    hc.addDataSourceProperty("tcpKeepAlive", "true");
    // A transaction left open by a frozen process would hold its leadership row lock (LeaderTerm) and
    // keep a standby from taking the role over: the server ends such a session after this long.
    hc.addDataSourceProperty("options", "-c idle_in_transaction_session_timeout=" + IDLE_IN_TRANSACTION.toMillis());
    // PostgreSQL's error detail quotes row values ("Failing row contains …"): not into our logs.
    hc.addDataSourceProperty("logServerErrorDetail", "false");
    return new Database(new HikariDataSource(hc), url);
  }

  /** Reports the pool (connections active, idle, pending; acquire and usage times) as {@code hikaricp_*}. */
  public void reportPoolTo(io.micrometer.core.instrument.MeterRegistry registry) {
    dataSource.setMetricsTrackerFactory(new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(registry));
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Why no connection can be opened (host, port, database, user; never the password); empty when one can. */
  public java.util.Optional<String> connectionProblem() {
    return DatabaseDiagnosis.problem(url);
  }

  /** True when a connection can be had and answers within the validation timeout. */
  public boolean isReachable() {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
