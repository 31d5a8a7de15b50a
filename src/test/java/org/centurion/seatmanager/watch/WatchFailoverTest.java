package org.centurion.seatmanager.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.config.DatabaseUrl;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.seats.SeatState;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.testing.ChildProcess;
import org.centurion.seatmanager.testing.TestDatabases;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * Leader failover: two real {@code seat-manager watch} processes on one database. Exactly one holds
 * each role; when it is killed (SIGKILL), the other takes every role over and keeps acting.
 */
class WatchFailoverTest {
  @Test
  void theStandbyTakesOverEveryRoleWhenTheLeaderIsKilled() throws Exception {
    DatabaseUrl url = TestDatabases.fresh();
    Path work = org.centurion.seatmanager.testing.TestDirectories.create("watch-failover");
    try (Devnet devnet = Devnet.start(DevnetConfig.forTests());
        Database db = Database.open(url, "failover-test", 3)) {
      new Migrations(db.dataSource()).migrate();
      Map<String, String> env = new HashMap<>();
      env.put("DATABASE_URL", TestDatabases.asPostgresUrl(url));
      env.put("SESSION_HMAC_SECRET", TestSecrets.hex32());
      env.put("STEP_UP_HMAC_SECRET", TestSecrets.hex32());
      env.put("SEAT_MANAGER_ENV", "development");
      env.put("SEAT_MANAGER_CHAIN_ID", "286");
      env.put("SEAT_MANAGER_EL_RPC_URLS", "el-a=" + devnet.rpcUrl());
      env.put("SEAT_MANAGER_CL_API_URLS", "cl-a=" + devnet.beaconUrls().get(0) + ",cl-b=" + devnet.beaconUrls().get(1));
      env.put("SEAT_MANAGER_MIN_AGREEING_ENDPOINTS", "1");
      env.put("SEAT_MANAGER_CONFIRMATIONS", "1");
      env.put("SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS", devnet.addresses().depositContract());
      env.put("SEAT_MANAGER_ROUTER_ADDRESS", devnet.addresses().treasuryRouter());
      String[] args = {"watch", "--el-interval", "PT0.5S", "--cl-interval", "PT0.5S", "--env-file", work.resolve("none.env").toString()};
      WatcherCursors cursors = new WatcherCursors(db.jdbi(), Clock.systemUTC());
      List<String> roles = List.of(DepositWatcher.ROLE, ValidatorWatcher.ROLE, VaultWatcher.ROLE);

      try (ChildProcess a = ChildProcess.start(env, work, args)) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
          assertThat(a.isAlive()).as("leader alive; stderr: %s", a.stderr()).isTrue();
          for (String role : roles) {
            assertThat(cursors.get(role)).as(role).map(WatcherCursor::holder).hasValueSatisfying(
                h -> assertThat(h).endsWith(":" + a.pid()));
          }
        });
        try (ChildProcess b = ChildProcess.start(env, work, args)) {
          // the standby runs, but acts in no role while the leader lives
          Thread.sleep(6_000);
          assertThat(b.isAlive()).as("standby alive; stderr: %s", b.stderr()).isTrue();
          for (String role : roles) {
            assertThat(cursors.get(role).orElseThrow().holder()).as(role).endsWith(":" + a.pid());
          }
          a.kill();
          await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
            for (String role : roles) {
              assertThat(cursors.get(role).orElseThrow().holder()).as(role).endsWith(":" + b.pid());
            }
          });

          // and the new leader acts: our deposit moves an ALLOWLISTED seat
          WatchFixture.TestSeat seat = WatchFixture.seat(devnet, db, SeatState.ALLOWLISTED,
              DevnetAccounts.account(DevnetAccounts.BENEFICIARY));
          devnet.ops().allow(seat.data(), devnet.addresses().treasuryRouter());
          devnet.ops().viaRouter(devnet.addresses().depositContract(), org.centurion.seatmanager.devnet.DevnetOps.DEPOSIT_WEI,
              depositCalldata(seat));
          devnet.chain().mine();
          devnet.chain().mine();
          await().atMost(Duration.ofSeconds(30)).until(() -> WatchFixture.state(db, seat.id()) == SeatState.DEPOSITED);

          b.terminate();
          // 143 = 128 + SIGTERM: the JVM's exit status after its shutdown hooks ran
          assertThat(b.waitFor(30)).isIn(0, 143);
          assertThat(b.stdout()).as(b.stderr()).contains("releasing role locks");
          assertThat(b.stderr() + b.stdout()).doesNotContain(env.get("SESSION_HMAC_SECRET"));
        }
      }
    }
  }

  private static String depositCalldata(WatchFixture.TestSeat seat) {
    var d = seat.data();
    return org.web3j.abi.FunctionEncoder.encode(new org.web3j.abi.datatypes.Function("deposit", List.of(
        new org.web3j.abi.datatypes.DynamicBytes(d.pubkey()),
        new org.web3j.abi.datatypes.DynamicBytes(d.withdrawalCredentials()),
        new org.web3j.abi.datatypes.DynamicBytes(d.signature()),
        new org.web3j.abi.datatypes.generated.Bytes32(d.depositDataRoot())), List.of()));
  }
}
