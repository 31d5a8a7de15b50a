package org.centurion.seatmanager.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.centurion.seatmanager.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

class DevnetCommandTest {

  @Test
  void runsOnLoopbackWritesAPrivateEnvFileAndStops(@TempDir Path dir) throws Exception {
    Path env = dir.resolve("devnet.env");
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.run(
        "devnet", "--rpc-port", "0", "--beacon-ports", "0,0", "--env-file", env.toString(), "--exit-after", "6"));
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(env) || run.isDone());
    assertThat(run.isDone()).as("devnet exited before writing its env file").isFalse();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
    Map<String, String> values = new HashMap<>();
    for (String line : Files.readAllLines(env)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    assertThat(values).containsKeys("SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS", "SEAT_MANAGER_VAULT_FACTORY_ADDRESS",
        "SEAT_MANAGER_ROUTER_ADDRESS", "SEAT_MANAGER_PRINCIPAL_DESTINATION", "DEVNET_EXIT_REQUEST_PREDEPLOY_ADDRESS",
        "SEAT_MANAGER_GENESIS_FORK_VERSION", "SEAT_MANAGER_OWNER_PRIVATE_KEY");
    assertThat(values.get("SEAT_MANAGER_OWNER_PRIVATE_KEY"))
        .isEqualTo(org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(
            DevnetAccounts.account(DevnetAccounts.TREASURY_SIGNER).getEcKeyPair().getPrivateKey(), 64));
    // The file is a valid seat-manager configuration as it stands (plus secrets and a database).
    Map<String, String> asConfig = new HashMap<>(values);
    asConfig.put("SESSION_HMAC_SECRET", org.centurion.seatmanager.testing.TestSecrets.hex32());
    asConfig.put("STEP_UP_HMAC_SECRET", org.centurion.seatmanager.testing.TestSecrets.hex32());
    asConfig.put("SEAT_MANAGER_MFA_KEY", org.centurion.seatmanager.testing.TestSecrets.hex32());
    asConfig.put("DATABASE_URL", "postgres://u@127.0.0.1:5432/db");
    asConfig.put("SEAT_MANAGER_WRITES_ENABLED", "true");
    org.centurion.seatmanager.config.Config config = org.centurion.seatmanager.config.ConfigLoader.load(
        new org.centurion.seatmanager.config.Environment(asConfig), "127.0.0.1", 0);
    assertThat(config.writes().signerMode()).isEqualTo(org.centurion.seatmanager.config.Config.SignerMode.LOCAL_KEY);
    assertThat(config.chain().router()).contains(values.get("SEAT_MANAGER_ROUTER_ADDRESS").toLowerCase());
    String rpc = values.get("SEAT_MANAGER_EL_RPC_URLS").substring("devnet=".length());
    List<String> beacons = java.util.Arrays.stream(values.get("SEAT_MANAGER_CL_API_URLS").split(","))
        .map(e -> e.substring(e.indexOf('=') + 1)).toList();
    assertThat(rpc).startsWith("http://127.0.0.1:");
    assertThat(beacons).hasSize(2).allMatch(u -> u.startsWith("http://127.0.0.1:"));

    Web3j web3j = Web3j.build(new HttpService(rpc));
    try {
      assertThat(web3j.ethChainId().send().getChainId().longValue()).isEqualTo(286);
      assertThat(web3j.ethGetCode(values.get("SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS"),
          org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getCode()).hasSizeGreaterThan(100);
    } finally {
      web3j.shutdown();
    }
    assertThat(BeaconHttp.get(beacons.get(0), "/eth/v1/beacon/genesis").body().get("data")
        .get("genesis_fork_version").asString()).isEqualTo(values.get("SEAT_MANAGER_GENESIS_FORK_VERSION"));
    // slots tick on their own in the command
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> BeaconHttp.get(beacons.get(1),
        "/eth/v1/node/syncing").body().get("data").get("head_slot").asLong() >= 1);
    for (String url : java.util.stream.Stream.concat(java.util.stream.Stream.of(rpc), beacons.stream()).toList()) {
      int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
      assertThat(LoopbackSockets.listenersOn(port)).as("listeners on port " + port).containsOnly("127.0.0.1");
    }

    assertThat(run.get()).isZero();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> LoopbackSockets.listenersOn(
        Integer.parseInt(rpc.substring(rpc.lastIndexOf(':') + 1))).isEmpty());
  }

  @Test
  void rejectsBadOptionsWithoutStartingAnything() {
    assertThat(Main.run("devnet", "--slot-seconds", "0")).isEqualTo(2);
    assertThat(Main.run("devnet", "--rpc-port", "70000")).isEqualTo(2);
  }
}
