package org.centurion.seatmanager.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.config.DatabaseUrl;
import org.centurion.seatmanager.testing.TestDatabases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Role locks behind a real pgbouncer (Debian's package): in {@code pool_mode=transaction} the start-up
 * probe and the lock itself refuse, because successive statements of one client connection reach
 * different PostgreSQL sessions; in {@code pool_mode=session} both work. Until this test the detection
 * had only been reasoned about.
 */
class TransactionPoolerTest {
  private static final Path PGBOUNCER = Path.of("/usr/sbin/pgbouncer");

  @TempDir
  Path dir;

  @Test
  void aTransactionModePoolerIsRefusedAndASessionModeOneIsNot() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(PGBOUNCER) || "true".equals(System.getenv("CI")),
        "pgbouncer is not installed (apt-get install pgbouncer; CI installs it)");
    DatabaseUrl direct = TestDatabases.freshMigrated();
    // pgbouncer drops to "nobody" when started as root: it must reach its log and auth file here
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    // pgbouncer's default hands out the most recently used server; round-robin spreads a warm pool
    for (boolean roundRobin : new boolean[] {false, true}) {
      try (Pooler pooler = Pooler.start(PGBOUNCER, dir.resolve("transaction-" + roundRobin), direct, "transaction",
          roundRobin)) {
        DatabaseUrl pooled = pooler.url(direct);
        assertThatThrownBy(() -> SessionPinning.require(pooled)).as("round robin: %s", roundRobin)
            .isInstanceOf(ConfigException.class).hasMessageContaining("not pinned to one PostgreSQL session");
        try (RoleLock lock = new RoleLock(pooled, "executor", "pooled-test", RoleLock.MIN_LEASE)) {
          assertThat(lock.tryAcquire()).as("a lock no session of ours holds is no lock").isFalse();
          assertThat(lock.term()).isEmpty();
        }
        // pgbouncer still holds its server sessions open here: none of them may keep the refused lock
        try (RoleLock directLock = new RoleLock(direct, "executor", "direct-beside-pool", RoleLock.MIN_LEASE)) {
          assertThat(directLock.tryAcquire()).as("the refused attempt left no lock on a pooled backend").isTrue();
        }
      }
    }
    try (Pooler pooler = Pooler.start(PGBOUNCER, dir.resolve("session"), direct, "session", false)) {
      DatabaseUrl pooled = pooler.url(direct);
      SessionPinning.require(pooled);
      try (RoleLock lock = new RoleLock(pooled, "executor", "session-pooled-test", RoleLock.MIN_LEASE)) {
        assertThat(lock.tryAcquire()).as("a session-mode pool pins the session: the lock works").isTrue();
        assertThat(lock.term()).isPresent();
      }
    }
  }

  /** One pgbouncer in front of the test server, with several server connections used round-robin. */
  private record Pooler(Process process, int port) implements AutoCloseable {
    static Pooler start(Path binary, Path dir, DatabaseUrl direct, String mode, boolean roundRobin) throws IOException, InterruptedException {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
      String hostPort = direct.jdbcUrl().substring("jdbc:postgresql://".length()).split("/")[0];
      int port = freePort();
      Path ini = dir.resolve("pgbouncer.ini");
      Files.writeString(ini, String.join("\n",
          "[databases]",
          "* = host=" + hostPort.split(":")[0] + " port=" + hostPort.split(":")[1],
          "[pgbouncer]",
          "listen_addr = 127.0.0.1",
          "listen_port = " + port,
          "unix_socket_dir =",
          "auth_type = trust",
          "auth_file = " + dir.resolve("users.txt"),
          "pool_mode = " + mode,
          "default_pool_size = 4",
          "min_pool_size = 3",
          "server_round_robin = " + (roundRobin ? 1 : 0),
          "ignore_startup_parameters = extra_float_digits,options",
          "logfile = " + dir.resolve("pgbouncer.log"),
          ""));
      // trust still needs the user listed; the password is what pgbouncer presents to the server
      Files.writeString(dir.resolve("users.txt"),
          "\"" + direct.user().orElseThrow() + "\" \"" + direct.password().orElse("") + "\"\n");
      List<String> command = new ArrayList<>(List.of(binary.toString(), ini.toString()));
      if ("root".equals(System.getProperty("user.name"))) {
        command.addAll(1, List.of("-u", "nobody")); // pgbouncer refuses to run as root
      }
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve("stdout.log").toFile()).start();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
      while (!accepts(port)) {
        if (!p.isAlive() || Instant.now().isAfter(deadline)) {
          p.destroyForcibly();
          throw new IllegalStateException("pgbouncer did not start: " + Files.readString(dir.resolve("stdout.log")));
        }
        Thread.sleep(50);
      }
      return new Pooler(p, port);
    }

    DatabaseUrl url(DatabaseUrl direct) {
      String path = direct.jdbcUrl().substring(direct.jdbcUrl().indexOf('/', "jdbc:postgresql://".length()));
      // pgbouncer 1.18 keeps no server-side prepared statements across pooled transactions: plain protocol
      String sep = path.contains("?") ? "&" : "?";
      return new DatabaseUrl("jdbc:postgresql://127.0.0.1:" + port + path + sep + "prepareThreshold=0", direct.user(),
          direct.password());
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }

    private static boolean accepts(int port) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    private static int freePort() throws IOException {
      try (ServerSocket s = new ServerSocket(0)) {
        return s.getLocalPort();
      }
    }
  }
}
