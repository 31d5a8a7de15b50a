package org.centurion.seatmanager.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.ConfigAlerts;
import org.centurion.seatmanager.auth.TestClock;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.config.NamedEndpoint;
import org.centurion.seatmanager.chain.RpcSettings;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.config.Environment;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.seats.SeatState;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.testing.TestDatabases;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The vault/treasury watcher and the periodic health alerts on a devnet: raised, and resolved when cleared. */
class VaultAndHealthAlertsTest {
  static Devnet devnet;
  static Database db;
  static ExecutionClient el;
  static AlertService alerts;
  static final TestClock CLOCK = new TestClock(Instant.now());

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(DevnetConfig.forTests());
    db = Database.open(TestDatabases.fresh(), "vault-test", 4);
    new Migrations(db.dataSource()).migrate();
    el = new ExecutionClient(new NamedEndpoint("anvil", URI.create(devnet.rpcUrl())), RpcSettings.defaults());
    alerts = new AlertService(db.jdbi(), CLOCK);
  }

  @AfterAll
  static void stop() {
    if (el != null) {
      el.close();
    }
    if (db != null) {
      db.close();
    }
    devnet.close();
  }

  @Test
  void treasuryLowAndVaultAnomaliesAreRaisedAndClearThemselves() {
    WatcherCursors cursors = new WatcherCursors(db.jdbi(), CLOCK);
    String router = devnet.addresses().treasuryRouter();
    BigInteger balance = devnet.chain().balance(router);
    VaultWatcher low = new VaultWatcher(db.jdbi(), WatchFixture.reads(devnet, el), router, VaultWatcherSettings.defaults().withTreasuryLowWei(balance.add(BigInteger.ONE)),
        alerts, cursors, "t:1", CLOCK);
    low.tick();
    assertThat(alerts.openAlert("TREASURY_BALANCE_LOW:router")).isPresent();
    VaultWatcher ok = new VaultWatcher(db.jdbi(), WatchFixture.reads(devnet, el), router, VaultWatcherSettings.defaults().withTreasuryLowWei(balance),
        alerts, cursors, "t:1", CLOCK);
    ok.tick();
    assertThat(alerts.openAlert("TREASURY_BALANCE_LOW:router")).as("cleared").isEmpty();

    WatchFixture.TestSeat settled = WatchFixture.seat(devnet, db, SeatState.SETTLED, DevnetAccounts.account(DevnetAccounts.BENEFICIARY));
    ok.tick();
    assertThat(alerts.openAlert("VAULT_ANOMALY:seat:" + settled.id() + ":funds-after-settlement")).isEmpty();
    devnet.chain().credit(settled.vault(), BigInteger.TEN.pow(18));
    ok.tick();
    assertThat(alerts.openAlert("VAULT_ANOMALY:seat:" + settled.id() + ":funds-after-settlement")).isPresent();

    // a funded seat whose recorded vault holds no code
    long ghost = db.jdbi().withHandle(h -> h.createQuery("INSERT INTO seats (operator_id, beneficiary, pubkey, vault_address,"
            + " withdrawal_credentials, state) VALUES ('ghost', :b, :pk, :v, :wc, 'ACTIVE') RETURNING id")
        .bind("b", "0x" + "33".repeat(20)).bind("pk", "0x" + "ab".repeat(48)).bind("v", "0x" + "44".repeat(20))
        .bind("wc", "0x01" + "00".repeat(11) + "44".repeat(20)).mapTo(Long.class).one());
    ok.tick();
    assertThat(alerts.openAlert("VAULT_ANOMALY:seat:" + ghost + ":no-code")).isPresent();
    db.jdbi().useHandle(h -> h.execute("UPDATE seats SET state = 'EXCEPTION', exception_reason = 'test' WHERE id = ?", ghost));
    ok.tick();
    assertThat(alerts.openAlert("VAULT_ANOMALY:seat:" + ghost + ":no-code")).as("no longer watched").isEmpty();
    assertThat(cursors.get(VaultWatcher.ROLE).orElseThrow().holder()).isEqualTo("t:1");
  }

  @Test
  void healthAlertsCoverConfigStalledWatchersStuckOperationsAndDownEndpoints() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("SESSION_HMAC_SECRET", TestSecrets.hex32());
    env.put("STEP_UP_HMAC_SECRET", TestSecrets.hex32());
    env.put("SEAT_MANAGER_ENV", "development");
    env.put("DATABASE_URL", "postgres://u@127.0.0.1:5432/db");
    env.put("SEAT_MANAGER_VERIFY_DEPOSIT_SIGNATURE", "false");
    Config config = ConfigLoader.load(new Environment(env), "127.0.0.1", 0);
    int dead;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      dead = s.getLocalPort();
    }
    try (ExecutionClient down = new ExecutionClient(new NamedEndpoint("el-down", URI.create("http://127.0.0.1:" + dead)),
        new RpcSettings(Duration.ofSeconds(2), 1, Duration.ZERO, Duration.ZERO))) {
      WatcherCursors cursors = new WatcherCursors(db.jdbi(), CLOCK);
      db.jdbi().useTransaction(h -> cursors.advance(h, "el-deposits", 10, 10_000, "t:1"));
      long op = db.jdbi().withHandle(h -> h.createQuery("INSERT INTO operations (kind, status, target, value_wei, calldata,"
              + " requested_by, updated_at, not_before) VALUES ('DEPOSIT', 'IN_FLIGHT', :t, 0, '0x', 'test', :at, :at) RETURNING id")
          .bind("t", "0x" + "55".repeat(20)).bind("at", java.time.OffsetDateTime.now().minusHours(1)).mapTo(Long.class).one());
      HealthAlerts health = new HealthAlerts(config, new ConfigAlerts(Duration.ofDays(14)), alerts, cursors, db.jdbi(), CLOCK,
          List.of(el, down));
      health.evaluate();
      assertThat(alerts.openAlert("SIGNATURE_VERIFICATION_OFF")).isPresent();
      assertThat(alerts.openAlert("WATCHER_LAGGING:el-deposits")).isPresent();
      assertThat(alerts.openAlert("TRANSACTION_STUCK:operation-" + op)).isPresent();
      assertThat(alerts.openAlert("ENDPOINT_DOWN:EL:el-down")).isPresent();
      assertThat(alerts.openAlert("ENDPOINT_DOWN:EL:anvil")).isEmpty();
      assertThat(alerts.openAlert("WATCHER_STALLED:el-deposits")).isEmpty();

      CLOCK.advance(Duration.ofMinutes(10));
      // the thresholds are configuration: a 15-minute stall limit and a 20,000-block lag limit see nothing yet
      Map<String, String> lenient = new HashMap<>(env);
      lenient.put("SEAT_MANAGER_WATCHER_STALL_SECONDS", "900");
      lenient.put("SEAT_MANAGER_DEPOSIT_LAG_BLOCKS", "20000");
      new HealthAlerts(ConfigLoader.load(new Environment(lenient), "127.0.0.1", 0), new ConfigAlerts(Duration.ofDays(14)),
          alerts, cursors, db.jdbi(), CLOCK, List.of(el)).evaluate();
      assertThat(alerts.openAlert("WATCHER_STALLED:el-deposits")).isEmpty();
      assertThat(alerts.openAlert("WATCHER_LAGGING:el-deposits")).isEmpty();
      db.jdbi().useHandle(h -> h.execute("UPDATE operations SET status = 'CONFIRMED' WHERE id = ?", op));
      health.evaluate();
      assertThat(alerts.openAlert("WATCHER_STALLED:el-deposits")).isPresent();
      assertThat(alerts.openAlert("TRANSACTION_STUCK:operation-" + op)).as("cleared").isEmpty();
    }
  }
}
