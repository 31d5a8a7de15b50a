package org.centurion.seatmanager.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.config.DatabaseUrl;
import org.centurion.seatmanager.testing.ChildProcess;
import org.centurion.seatmanager.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way a database URL can be wrong gets its own sentence naming where it points, within a few
 * seconds, and never the password; {@code db status} exits 2 for them (1 stays "migrations pending").
 */
class DatabaseDiagnosisTest {
  private static final String PASSWORD = "pw-that-must-never-be-printed-7f3a";

  @TempDir Path dir;

  private static DatabaseUrl with(String jdbcUrl, String user, String password) {
    return new DatabaseUrl(jdbcUrl, Optional.of(user), Optional.of(password));
  }

  private static String problem(DatabaseUrl url) {
    Instant started = Instant.now();
    Optional<String> p = DatabaseDiagnosis.problem(url);
    assertThat(Duration.between(started, Instant.now())).as("answered within a few seconds").isLessThan(Duration.ofSeconds(8));
    assertThat(p).isPresent();
    assertThat(p.get()).doesNotContain(PASSWORD);
    return p.get();
  }

  @Test
  void eachWrongUrlIsNamedForWhatIsWrong() throws Exception {
    DatabaseUrl good = TestDatabases.freshMigrated();
    assertThat(DatabaseDiagnosis.problem(good)).isEmpty();
    String base = good.jdbcUrl().substring(0, good.jdbcUrl().lastIndexOf('/') + 1);
    String hostPort = base.substring("jdbc:postgresql://".length(), base.length() - 1);

    assertThat(problem(with(base + "no_such_db", good.user().orElseThrow(), good.password().orElseThrow())))
        .isEqualTo("database \"no_such_db\" does not exist on " + hostPort + ": create it, or fix its name in the URL");
    // the embedded server trusts loopback (no password check), so the refusal to test is a role that does not exist
    String dbName = good.jdbcUrl().substring(good.jdbcUrl().lastIndexOf('/') + 1).split("\\?")[0];
    assertThat(problem(with(good.jdbcUrl(), "no_such_role", PASSWORD))).isEqualTo("PostgreSQL at " + hostPort
        + " does not let user \"no_such_role\" connect to \"" + dbName + "\" (no such role, or pg_hba.conf refuses it)");
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertThat(problem(with("jdbc:postgresql://127.0.0.1:" + closed + "/seats", "app", PASSWORD)))
        .isEqualTo("nothing accepts connections at 127.0.0.1:" + closed + ": is PostgreSQL running, on that port?");
    assertThat(problem(with("jdbc:postgresql://no-such-host.invalid:5432/seats", "app", PASSWORD)))
        .isEqualTo("unknown host \"no-such-host.invalid\": check the host in the URL");
  }

  @Test
  void dbStatusExitsTwoForAnUnusableDatabaseAndSaysWhy() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Instant started = Instant.now();
    try (ChildProcess p = ChildProcess.start(Map.of("DATABASE_URL",
        "postgres://app:" + PASSWORD + "@127.0.0.1:" + closed + "/seats"), dir, "db", "status")) {
      assertThat(p.waitFor(60)).as(p.stderr()).isEqualTo(2);
      assertThat(p.stderr()).contains("seat-manager db status: DATABASE_URL: nothing accepts connections at 127.0.0.1:"
          + closed).doesNotContain(PASSWORD);
      assertThat(p.stdout()).doesNotContain(PASSWORD);
    }
    assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(20));
  }
}
