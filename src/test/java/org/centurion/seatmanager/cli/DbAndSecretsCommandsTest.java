package org.centurion.seatmanager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.centurion.seatmanager.testing.ChildProcess;
import org.centurion.seatmanager.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runbook's restart procedure end to end: secrets generate → db status/migrate → api → /health. */
class DbAndSecretsCommandsTest {
  @TempDir Path dir;

  private int run(Map<String, String> env, String... args) throws Exception {
    try (ChildProcess p = ChildProcess.start(env, dir, args)) {
      return p.waitFor(90);
    }
  }

  @Test
  void secretsGenerateWritesAMode600FileAndRefusesToOverwrite() throws Exception {
    Path env = dir.resolve(".env");
    Files.writeString(env, "OTHER=kept\n");
    Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
    try (ChildProcess p = ChildProcess.start(Map.of(), dir, "secrets", "generate", "--env-file", env.toString())) {
      assertThat(p.waitFor(60)).isZero();
      String content = Files.readString(env);
      assertThat(content).contains("OTHER=kept").containsPattern("SESSION_HMAC_SECRET=[0-9a-f]{64}")
          .containsPattern("STEP_UP_HMAC_SECRET=[0-9a-f]{64}");
      // printed only with --print
      assertThat(p.stdout()).doesNotContainPattern("[0-9a-f]{64}");
    }
    assertThat(Files.getPosixFilePermissions(env)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String before = Files.readString(env);
    assertThat(run(Map.of(), "secrets", "generate", "--env-file", env.toString())).isEqualTo(1);
    assertThat(Files.readString(env)).isEqualTo(before);
    try (ChildProcess p = ChildProcess.start(Map.of(), dir, "secrets", "generate", "--env-file", env.toString(),
        "--force", "--print")) {
      assertThat(p.waitFor(60)).isZero();
      assertThat(p.stdout()).containsPattern("SESSION_HMAC_SECRET=[0-9a-f]{64}");
    }
    assertThat(Files.readString(env)).isNotEqualTo(before).contains("OTHER=kept");
  }

  @Test
  void onAnUpgradeSecretsGenerateAddsOnlyTheMissingStakerKeySecret() throws Exception {
    Path env = dir.resolve("upgrade.env");
    String session = "SESSION_HMAC_SECRET=" + org.centurion.seatmanager.testing.TestSecrets.hex32();
    String stepUp = "STEP_UP_HMAC_SECRET=" + org.centurion.seatmanager.testing.TestSecrets.hex32();
    Files.writeString(env, session + "\n" + stepUp + "\n");
    Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
    assertThat(Main.run("secrets", "generate", "--env-file", env.toString())).isZero();
    String content = Files.readString(env);
    assertThat(content).as("the secrets in use are kept").contains(session, stepUp)
        .containsPattern("SEAT_MANAGER_STAKER_KEY_HMAC_SECRET=[0-9a-f]{64}");
    assertThat(Main.run("secrets", "generate", "--env-file", env.toString())).as("nothing missing").isEqualTo(1);
    assertThat(Files.readString(env)).isEqualTo(content);
  }

  @Test
  void freshDatabaseIsMigratedAndServed() throws Exception {
    Path envFile = dir.resolve(".env");
    assertThat(run(Map.of(), "secrets", "generate", "--env-file", envFile.toString())).isZero();
    assertThat(Files.readString(envFile)).containsPattern("SEAT_MANAGER_AUDIT_CHAIN_KEY=[0-9a-f]{64}");
    // two roles (issue 14): migrations as the owner, the application as the runtime role
    org.centurion.seatmanager.config.DatabaseUrl owner = TestDatabases.fresh();
    String ownerUrl = TestDatabases.asPostgresUrl(owner);
    Map<String, String> env = Map.of("DATABASE_URL", TestDatabases.asPostgresUrl(TestDatabases.runtime(owner)));
    try (ChildProcess p = ChildProcess.start(Map.of("DATABASE_URL", ownerUrl), dir, "db", "status", "--env-file", envFile.toString())) {
      assertThat(p.waitFor(60)).isEqualTo(1);
      assertThat(p.stdout()).contains("PENDING").contains("seat-manager db migrate");
    }
    Map<String, String> migrate = new java.util.HashMap<>(env);
    migrate.put("SEAT_MANAGER_MIGRATION_DATABASE_URL", ownerUrl);
    try (ChildProcess p = ChildProcess.start(migrate, dir, "db", "migrate", "--env-file", envFile.toString())) {
      assertThat(p.waitFor(60)).as(p.stderr()).isZero();
      assertThat(p.stdout()).contains("granted the runtime role '" + TestDatabases.RUNTIME_ROLE + "'");
    }
    // production refuses to serve as a role that can rewrite the audit trail: one line naming the fix
    try (ChildProcess p = ChildProcess.start(Map.of("DATABASE_URL", ownerUrl), dir, "api", "--env-file", envFile.toString(),
        "--port", Integer.toString(org.centurion.seatmanager.devnet.Anvil.freePort()))) {
      assertThat(p.waitFor(60)).as(p.stdout()).isEqualTo(2);
      assertThat(p.stderr()).containsOnlyOnce("can alter or delete audit rows")
          .contains("is a superuser").contains("SEAT_MANAGER_MIGRATION_DATABASE_URL");
    }
    try (ChildProcess p = ChildProcess.start(env, dir, "db", "status", "--env-file", envFile.toString())) {
      assertThat(p.waitFor(60)).isZero();
      assertThat(p.stdout()).contains("schema is current").doesNotContain("PENDING");
    }
    int port = org.centurion.seatmanager.devnet.Anvil.freePort();
    try (ChildProcess api = ChildProcess.start(env, dir, "api", "--env-file", envFile.toString(),
        "--port", Integer.toString(port))) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> r = null;
      long deadline = System.currentTimeMillis() + 60_000;
      while (System.currentTimeMillis() < deadline) {
        try {
          r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
              .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
          break;
        } catch (java.io.IOException notYet) {
          assertThat(api.isAlive()).as(api.stderr()).isTrue();
          Thread.sleep(100);
        }
      }
      assertThat(r).isNotNull();
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
      api.terminate();
      // 143 = 128 + SIGTERM: the JVM's exit status after its shutdown hooks ran
      assertThat(api.waitFor(30)).isIn(0, 143);
      assertThat(api.stdout()).as(api.stderr()).contains("draining in-flight requests");
      // one JSON access line per request, with the route template and request id
      Matcher m = Pattern.compile("\\{[^\\n]*\"logger_name\":\"access\"[^\\n]*}").matcher(api.stdout());
      assertThat(m.find()).as(api.stdout()).isTrue();
      assertThat(m.group()).contains("\"route\":\"/health\"", "\"status\":200", "\"requestId\"");
    }
  }
}
