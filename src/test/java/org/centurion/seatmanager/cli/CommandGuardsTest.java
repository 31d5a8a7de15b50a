package org.centurion.seatmanager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.centurion.seatmanager.config.DatabaseUrl;
import org.centurion.seatmanager.testing.ChildProcess;
import org.centurion.seatmanager.testing.TestDatabases;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each configuration guard, through the real command in its own JVM: exit code 2, a clear line, no secret. */
class CommandGuardsTest {
  static String databaseUrl;
  @TempDir Path dir;

  @BeforeAll
  static void database() {
    DatabaseUrl db = TestDatabases.fresh();
    databaseUrl = TestDatabases.asPostgresUrl(db);
  }

  private Map<String, String> valid() {
    Map<String, String> env = new HashMap<>();
    env.put("SESSION_HMAC_SECRET", TestSecrets.hex32());
    env.put("STEP_UP_HMAC_SECRET", TestSecrets.hex32());
    env.put("SEAT_MANAGER_STAKER_KEY_HMAC_SECRET", TestSecrets.hex32());
    env.put("SEAT_MANAGER_MFA_KEY", TestSecrets.hex32());
    env.put("DATABASE_URL", databaseUrl);
    env.put("SEAT_MANAGER_AUDIT_CHAIN_KEY", TestSecrets.hex32());
    return env;
  }

  private ChildProcess api(Map<String, String> env, String... extra) throws Exception {
    String[] args = new String[extra.length + 3];
    args[0] = "api";
    args[1] = "--port";
    args[2] = "0";
    System.arraycopy(extra, 0, args, 3, extra.length);
    return ChildProcess.start(env, dir, args);
  }

  private void assertRefused(Map<String, String> env, String expected, String... extra) throws Exception {
    try (ChildProcess p = api(env, extra)) {
      assertThat(p.waitFor(60)).as(p.stderr()).isEqualTo(2);
      assertThat(p.stderr()).contains("refusing to start").contains(expected);
      env.forEach((name, value) -> {
        if (name.matches(".*(SECRET|KEY|TOKEN).*") && value.length() >= 32) {
          assertThat(p.stderr() + p.stdout()).as(name + " echoed").doesNotContain(value);
        }
      });
    }
  }

  @Test
  void missingEverythingListsEveryProblemAtOnce() throws Exception {
    try (ChildProcess p = api(Map.of())) {
      assertThat(p.waitFor(60)).isEqualTo(2);
      assertThat(p.stderr()).contains("6 problems", "SESSION_HMAC_SECRET", "STEP_UP_HMAC_SECRET", "DATABASE_URL",
          "SEAT_MANAGER_STAKER_KEY_HMAC_SECRET", "SEAT_MANAGER_MFA_KEY", "SEAT_MANAGER_AUDIT_CHAIN_KEY");
    }
  }

  @Test
  void lowEntropySecretIsRefused() throws Exception {
    Map<String, String> env = valid();
    env.put("STEP_UP_HMAC_SECRET", "ab".repeat(32));
    assertRefused(env, "STEP_UP_HMAC_SECRET has too little entropy");
  }

  @Test
  void equalSecretsAreRefused() throws Exception {
    Map<String, String> env = valid();
    env.put("STEP_UP_HMAC_SECRET", env.get("SESSION_HMAC_SECRET"));
    assertRefused(env, "must differ");
  }

  @Test
  void writesWithoutSignerAreRefused() throws Exception {
    // the process that signs needs a signer (api needs only the signer's address: see below)
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_WRITES_ENABLED", "true");
    try (ChildProcess p = ChildProcess.start(env, dir, "watch")) {
      assertThat(p.waitFor(60)).as(p.stderr()).isEqualTo(2);
      assertThat(p.stderr()).contains("refusing to start").contains("SEAT_MANAGER_WRITES_ENABLED=true needs a signer");
    }
  }

  @Test
  void rawKeyOnPublicInterfaceIsRefused() throws Exception {
    // the rule is for the HTTP process that holds the key: api-watch (api never loads a key)
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_WRITES_ENABLED", "true");
    env.put("SEAT_MANAGER_OWNER_PRIVATE_KEY", TestSecrets.hex32());
    try (ChildProcess p = ChildProcess.start(env, dir, "api-watch", "--port", "0", "--host", "0.0.0.0")) {
      assertThat(p.waitFor(60)).as(p.stderr()).isEqualTo(2);
      assertThat(p.stderr()).contains("refusing to start")
          .contains("SEAT_MANAGER_OWNER_PRIVATE_KEY must not be loaded by an API listening beyond loopback")
          .doesNotContain(env.get("SEAT_MANAGER_OWNER_PRIVATE_KEY"));
    }
  }

  @Test
  void watchRefusesASignerWhoseAddressIsNotTheConfiguredSignerAddress() throws Exception {
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_ENV", "development");
    env.put("SEAT_MANAGER_WRITES_ENABLED", "true");
    env.put("SEAT_MANAGER_OWNER_PRIVATE_KEY", TestSecrets.hex32());
    env.put("SEAT_MANAGER_SIGNER_ADDRESS", "0x" + "5".repeat(40));
    env.put("SEAT_MANAGER_EL_RPC_URLS", "el1=http://127.0.0.1:" + org.centurion.seatmanager.devnet.Anvil.freePort());
    env.put("SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS", "0x" + "1".repeat(40));
    env.put("SEAT_MANAGER_VAULT_FACTORY_ADDRESS", "0x" + "2".repeat(40));
    env.put("SEAT_MANAGER_ROUTER_ADDRESS", "0x" + "3".repeat(40));
    env.put("SEAT_MANAGER_PRINCIPAL_DESTINATION", "0x" + "4".repeat(40));
    try (ChildProcess p = ChildProcess.start(env, dir, "watch")) {
      assertThat(p.waitFor(60)).as(p.stderr()).isEqualTo(2);
      assertThat(p.stderr()).contains("SEAT_MANAGER_SIGNER_ADDRESS is 0x" + "5".repeat(40)
          + " but the configured signer's address is").doesNotContain(env.get("SEAT_MANAGER_OWNER_PRIVATE_KEY"));
    }
  }

  @Test
  void apiWithWritesNeedsTheSignerAddressInsteadOfASigner() throws Exception {
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_WRITES_ENABLED", "true");
    env.put("SEAT_MANAGER_OWNER_PRIVATE_KEY", TestSecrets.hex32());
    assertRefused(env, "SEAT_MANAGER_SIGNER_ADDRESS is required for api with writes enabled", "--host", "0.0.0.0");
  }

  @Test
  void unparseableSunsetIsRefused() throws Exception {
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET", "soon");
    assertRefused(env, "SEAT_MANAGER_STATIC_ADMIN_TOKEN_SUNSET is not an ISO-8601 date");
  }

  @Test
  void openStakerReadsOnPublicInterfaceAreRefused() throws Exception {
    Map<String, String> env = valid();
    env.put("SEAT_MANAGER_REQUIRE_STAKER_AUTH", "false");
    assertRefused(env, "SEAT_MANAGER_REQUIRE_STAKER_AUTH=false is only allowed with a loopback --host",
        "--host", "0.0.0.0");
  }

  @Test
  void aPortSomeoneElseHoldsIsOneLineAndExitTwo() throws Exception {
    Map<String, String> env = valid();
    env.put("DATABASE_URL", TestDatabases.asPostgresUrl(TestDatabases.freshMigrated()));
    try (java.net.ServerSocket held = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int port = held.getLocalPort();
      try (ChildProcess p = ChildProcess.start(env, dir, "api", "--port", Integer.toString(port))) {
        assertThat(p.waitFor(60)).as(p.stderr()).isEqualTo(2);
        assertThat(p.stderr()).contains("refusing to start (1 problem)").contains(Integer.toString(port))
            .contains("Address already in use").contains("fuser -v PORT/tcp").doesNotContain("at org.centurion.seatmanager.");
      }
      env.put("SEAT_MANAGER_METRICS_PORT", Integer.toString(port));
      try (ChildProcess p = api(env)) {
        assertThat(p.waitFor(60)).as(p.stderr()).isEqualTo(2);
        assertThat(p.stderr()).contains("refusing to start (1 problem)").contains("metrics port 127.0.0.1:" + port)
            .doesNotContain("at org.centurion.seatmanager.");
      }
    }
  }

  @Test
  void pendingMigrationsAreRefusedWithTheFix() throws Exception {
    assertRefused(valid(), "run 'seat-manager db migrate'");
  }

  @Test
  void groupReadableEnvFileIsRefused() throws Exception {
    Path env = dir.resolve(".env");
    Files.writeString(env, "SESSION_HMAC_SECRET=" + TestSecrets.hex32() + "\n");
    Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r-----"));
    try (ChildProcess p = ChildProcess.start(Map.of(), dir, "api", "--env-file", env.toString())) {
      assertThat(p.waitFor(60)).isEqualTo(2);
      assertThat(p.stderr()).contains("chmod 600 " + env);
    }
  }

  @Test
  void genesisForkVersionDifferentFromTheBeaconNodesIsRefused() throws Exception {
    com.sun.net.httpserver.HttpServer beacon = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    beacon.createContext("/eth/v1/beacon/genesis", ex -> {
      byte[] body = ("{\"data\":{\"genesis_time\":\"1\",\"genesis_validators_root\":\"0x" + "00".repeat(32)
          + "\",\"genesis_fork_version\":\"0x00000001\"}}").getBytes();
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    beacon.start();
    try {
      Map<String, String> env = valid();
      env.put("SEAT_MANAGER_GENESIS_FORK_VERSION", "0x10000910");
      env.put("SEAT_MANAGER_CL_API_URLS", "cl1=http://127.0.0.1:" + beacon.getAddress().getPort());
      assertRefused(env, "SEAT_MANAGER_GENESIS_FORK_VERSION: beacon endpoint 'cl1'");
    } finally {
      beacon.stop(0);
    }
  }

  @Test
  void writesEnabledAgainstAnUnreachableChainIsRefusedByPreflight() throws Exception {
    Map<String, String> env = valid();
    int closed = org.centurion.seatmanager.devnet.Anvil.freePort();
    env.put("SEAT_MANAGER_ENV", "development");
    env.put("SEAT_MANAGER_WRITES_ENABLED", "true");
    env.put("SEAT_MANAGER_OWNER_PRIVATE_KEY", TestSecrets.hex32());
    env.put("SEAT_MANAGER_EL_RPC_URLS", "el1=http://127.0.0.1:" + closed);
    env.put("SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS", "0x" + "1".repeat(40));
    env.put("SEAT_MANAGER_VAULT_FACTORY_ADDRESS", "0x" + "2".repeat(40));
    env.put("SEAT_MANAGER_ROUTER_ADDRESS", "0x" + "3".repeat(40));
    env.put("SEAT_MANAGER_PRINCIPAL_DESTINATION", "0x" + "4".repeat(40));
    env.put("SEAT_MANAGER_SIGNER_ADDRESS", "0x" + "5".repeat(40));
    assertRefused(env, "preflight");
  }
}
