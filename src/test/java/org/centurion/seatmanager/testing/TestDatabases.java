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
 *
 * <p>Two roles, as in production (issue 14): {@link #fresh()} answers as the server's admin, which
 * owns what it migrates (the migration role); {@link #RUNTIME_ROLE} is the application's role,
 * created once per server, granted its privileges by {@link #migrate} and reached with
 * {@link #runtime}. The API and processes the tests start connect as the runtime role.
 */
public final class TestDatabases {
  /** The application's role on the test server: no superuser, owns nothing. */
  public static final String RUNTIME_ROLE = "seat_manager_app";
  private static final String RUNTIME_PASSWORD = "seat-manager-app-test";
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

  /** Migrates {@code owner}'s database as the owner and grants the runtime role its privileges. */
  public static DatabaseUrl migrate(DatabaseUrl owner) {
    try (org.centurion.seatmanager.store.Database d = org.centurion.seatmanager.store.Database.open(owner, "test-migrate", 2)) {
      new org.centurion.seatmanager.store.Migrations(d.dataSource(), java.util.Optional.of(RUNTIME_ROLE)).migrate();
    }
    return runtime(owner);
  }

  /** A fresh database, migrated, as the runtime role sees it. */
  public static DatabaseUrl freshMigrated() {
    return migrate(fresh());
  }

  /** The same database as the runtime role: what the application connects as. */
  public static DatabaseUrl runtime(DatabaseUrl any) {
    return new DatabaseUrl(any.jdbcUrl(), java.util.Optional.of(RUNTIME_ROLE), java.util.Optional.of(RUNTIME_PASSWORD));
  }

  /** The same database as the server's admin (owner of every table): what an attacker with the owner's rights has. */
  public static synchronized DatabaseUrl owner(DatabaseUrl any) {
    DatabaseUrl admin = server();
    return new DatabaseUrl(any.jdbcUrl(), admin.user(), admin.password());
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
      createRuntimeRole(server);
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
    createRuntimeRole(server);
    return server;
  }

  private static void createRuntimeRole(DatabaseUrl admin) {
    try (Connection c = java.sql.DriverManager.getConnection(admin.jdbcUrl(),
            admin.user().orElse(null), admin.password().orElse(null));
        Statement s = c.createStatement()) {
      s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + RUNTIME_ROLE + "') THEN"
          + " CREATE ROLE " + RUNTIME_ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + RUNTIME_PASSWORD
          + "'; END IF; END $$");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the runtime role on the test server", e);
    }
  }

  /** A separate embedded server the caller owns, for tests that stop the database. */
  public static EmbeddedPostgres startPrivateServer() throws IOException {
    return EmbeddedPostgres.builder().start();
  }
}
