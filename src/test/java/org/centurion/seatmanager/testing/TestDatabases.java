package org.centurion.seatmanager.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.centurion.seatmanager.config.DatabaseUrl;

/**
 * Real PostgreSQL for tests: one embedded PostgreSQL 18 server per test JVM (or the server named by
 * {@code SEAT_MANAGER_TEST_DATABASE_URL}), and a fresh, empty database per caller.
 */
public final class TestDatabases {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres embedded;
  private static DatabaseUrl server;

  private TestDatabases() {}

  /** A new empty database on the shared test server. */
  public static synchronized DatabaseUrl fresh() {
    DatabaseUrl admin = server();
    String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = java.sql.DriverManager.getConnection(admin.jdbcUrl(),
            admin.user().orElse(null), admin.password().orElse(null));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database", e);
    }
    String base = admin.jdbcUrl().substring(0, admin.jdbcUrl().lastIndexOf('/') + 1);
    return new DatabaseUrl(base + name, admin.user(), admin.password());
  }

  /** The same database as a {@code postgres://} URL, as an operator would write DATABASE_URL. */
  public static String asPostgresUrl(DatabaseUrl url) {
    String hostAndDb = url.jdbcUrl().substring("jdbc:postgresql://".length());
    String auth = url.user().map(u -> u + url.password().map(p -> ":" + p).orElse("") + "@").orElse("");
    return "postgres://" + auth + hostAndDb;
  }

  private static synchronized DatabaseUrl server() {
    if (server != null) {
      return server;
    }
    String external = System.getenv("SEAT_MANAGER_TEST_DATABASE_URL");
    if (external != null && !external.isBlank()) {
      server = DatabaseUrl.parse(external);
      return server;
    }
    try {
      embedded = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        embedded.close();
      } catch (IOException ignored) {
        // the JVM is going away
      }
    }));
    server = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/postgres?user=postgres");
    return server;
  }

  /** A separate embedded server the caller owns, for tests that stop the database. */
  public static EmbeddedPostgres startPrivateServer() throws IOException {
    return EmbeddedPostgres.builder().start();
  }
}
