package org.centurion.seatmanager.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertQuery;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.chain.ChainErrorCode;
import org.centurion.seatmanager.chain.ChainException;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.alerts.ConfigAlerts;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.config.Environment;
import org.centurion.seatmanager.config.NamedEndpoint;
import org.centurion.seatmanager.chain.RpcSettings;
import org.centurion.seatmanager.devnet.AnvilControl;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.seats.SeatState;
import org.centurion.seatmanager.seats.SeatStore;
import org.centurion.seatmanager.seats.SeatTransitions;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.testing.FaultyRpcProxy;
import org.centurion.seatmanager.testing.TestDatabases;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.http.HttpService;

/**
 * The deposit watcher behind an endpoint that behaves like a public provider or a load-balanced
 * node (a {@link FaultyRpcProxy} in front of anvil): a lagging backend or a rate limit on the reorg
 * check never rewinds a seat, a seat wrongly rewound is moved on again when its log is seen again,
 * eth_getLogs ranges shrink on the providers' range and result-size refusals (and the working size
 * is remembered), and a watcher that cannot read logs reports its true lag.
 */
class ProviderFaultsDepositWatcherTest {
  static final int CONFIRMATIONS = 2;
  static final RpcSettings FAST = new RpcSettings(Duration.ofSeconds(3), 3, Duration.ofMillis(20), Duration.ofMillis(50));
  static Devnet devnet;
  static FaultyRpcProxy proxy;
  static ExecutionClient el;
  static Credentials beneficiary = DevnetAccounts.account(DevnetAccounts.BENEFICIARY);

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(DevnetConfig.forTests());
    proxy = new FaultyRpcProxy(devnet.rpcUrl());
    el = new ExecutionClient(new NamedEndpoint("provider", URI.create(proxy.url())), FAST);
  }

  @AfterAll
  static void stop() {
    el.close();
    proxy.close();
    devnet.close();
  }

  @AfterEach
  void honestAgain() {
    proxy.honest();
  }

  private record Rig(Database db, DepositWatcher watcher, AlertService alerts, WatcherCursors cursors) implements AutoCloseable {
    @Override
    public void close() {
      db.close();
    }
  }

  private static Rig rig(long startBlock, long maxRange) {
    Database db = Database.open(TestDatabases.fresh(), "provider-faults", 2);
    new Migrations(db.dataSource()).migrate();
    SeatStore store = new SeatStore();
    AlertService alerts = new AlertService(db.jdbi(), Clock.systemUTC());
    WatcherCursors cursors = new WatcherCursors(db.jdbi(), Clock.systemUTC());
    DepositWatcher w = new DepositWatcher(db.jdbi(), el, Optional.empty(),
        new DepositWatcherSettings(devnet.addresses().depositContract(),
            Set.of(devnet.depositor().getAddress(), devnet.addresses().treasuryRouter()), startBlock, CONFIRMATIONS,
            maxRange, 64),
        store, new SeatTransitions(store), alerts, cursors, "test:faults", Clock.systemUTC());
    return new Rig(db, w, alerts, cursors);
  }

  private static void catchUp(DepositWatcher w) {
    for (int i = 0; i < 200; i++) {
      DepositWatcher.Round r = w.tick();
      if (r.to() < r.from() && r.reorgAt().isEmpty()) {
        return;
      }
    }
    throw new AssertionError("watcher did not catch up");
  }

  private static void mine(int n) {
    for (int i = 0; i < n; i++) {
      devnet.chain().mine();
    }
  }

  /** anvil_mine: many empty blocks in one request. */
  private static void mineMany(long n) throws Exception {
    okhttp3.OkHttpClient slow = new okhttp3.OkHttpClient.Builder().readTimeout(Duration.ofSeconds(120))
        .callTimeout(Duration.ofSeconds(120)).build();
    var r = new Request<>("anvil_mine", List.of("0x" + Long.toHexString(n)), new HttpService(devnet.rpcUrl(), slow),
        AnvilControl.ObjectResponse.class).send();
    assertThat(r.hasError()).isFalse();
  }

  private static WatchFixture.TestSeat deposit(Database db) {
    WatchFixture.TestSeat seat = WatchFixture.seat(devnet, db, SeatState.ALLOWLISTED, beneficiary);
    devnet.ops().allow(seat.data(), devnet.depositor().getAddress());
    devnet.ops().deposit(devnet.depositor(), seat.data());
    return seat;
  }

  private static long openAlerts(AlertService alerts, AlertKind kind) {
    return alerts.list(AlertQuery.openAlerts(AlertQuery.MAX_LIMIT)).stream().filter(a -> a.kind() == kind).count();
  }

  @Test
  void aLaggingBackendOrARateLimitOnTheReorgCheckNeverRewindsADepositedSeat() {
    long start = devnet.chain().blockNumber();
    try (Rig rig = rig(start, 50)) {
      WatchFixture.TestSeat seat = deposit(rig.db());
      mine(CONFIRMATIONS);
      catchUp(rig.watcher());
      assertThat(WatchFixture.state(rig.db(), seat.id())).isEqualTo(SeatState.DEPOSITED);
      mine(CONFIRMATIONS + 1);

      // a backend a few blocks behind answers null for the newest blocks, the kept ones among them
      proxy.lagBlocks(CONFIRMATIONS + 10);
      assertThatThrownBy(() -> rig.watcher().tick()).isInstanceOfSatisfying(ChainException.class,
          e -> assertThat(e.code()).isEqualTo(ChainErrorCode.BLOCK_UNAVAILABLE));
      proxy.honest();

      // HTTP 429 on every try of the reorg check
      proxy.http429(50, null);
      assertThatThrownBy(() -> rig.watcher().tick()).isInstanceOfSatisfying(ChainException.class,
          e -> assertThat(e.code()).isEqualTo(ChainErrorCode.RATE_LIMITED));
      proxy.honest();

      catchUp(rig.watcher());
      assertThat(WatchFixture.state(rig.db(), seat.id())).isEqualTo(SeatState.DEPOSITED);
      assertThat(openAlerts(rig.alerts(), AlertKind.REORG)).isZero();
      long reorged = rig.db().jdbi().withHandle(h -> h.createQuery(
          "SELECT count(*) FROM deposit_observations WHERE reorged_at IS NOT NULL").mapTo(Long.class).one());
      assertThat(reorged).isZero();
    }
  }

  @Test
  void aSeatRewoundForABlockThatDidNotChangeMovesOnWhenTheSameLogIsSeenAgain() {
    long start = devnet.chain().blockNumber();
    try (Rig rig = rig(start, 50)) {
      WatchFixture.TestSeat seat = deposit(rig.db());
      mine(CONFIRMATIONS);
      catchUp(rig.watcher());
      assertThat(WatchFixture.state(rig.db(), seat.id())).isEqualTo(SeatState.DEPOSITED);
      // the kept hashes no longer match (as the old reorg check concluded from a hiccup): the seat is rewound
      rig.db().jdbi().useHandle(h -> h.execute("UPDATE el_processed_blocks SET block_hash = '0x" + "ab".repeat(32) + "'"));
      assertThat(rig.watcher().tick().reorgAt()).isPresent();
      assertThat(WatchFixture.state(rig.db(), seat.id())).isEqualTo(SeatState.ALLOWLISTED);

      // the rescan finds the same log in the same (unchanged) block: the seat is DEPOSITED again, not stuck
      catchUp(rig.watcher());
      assertThat(WatchFixture.state(rig.db(), seat.id())).isEqualTo(SeatState.DEPOSITED);
      long live = rig.db().jdbi().withHandle(h -> h.createQuery(
          "SELECT count(*) FROM deposit_observations WHERE seat_id = :s AND reorged_at IS NULL").bind("s", seat.id())
          .mapTo(Long.class).one());
      assertThat(live).isEqualTo(1L);
    }
  }

  @Test
  void aThousandBlockCapIsLearnedOnceAndTheRangeIsReadAtThatSize() throws Exception {
    long start = devnet.chain().blockNumber();
    try (Rig rig = rig(start, 2_000)) {
      WatchFixture.TestSeat seat = deposit(rig.db());
      mineMany(3_000);
      // QuickNode's wording; the cap is on the block span of one request
      proxy.capLogRange(1_000, "eth_getLogs is limited to a 1000 range");
      int before = proxy.requests("eth_getLogs");
      long began = System.nanoTime();
      catchUp(rig.watcher());
      long millis = (System.nanoTime() - began) / 1_000_000;
      int asked = proxy.requests("eth_getLogs") - before;

      assertThat(WatchFixture.state(rig.db(), seat.id())).isEqualTo(SeatState.DEPOSITED);
      assertThat(rig.watcher().workingRange()).isEqualTo(1_000);
      // ~3,000 blocks at 1,000 a request: 4 that work, and only the first 2,000-block slice refused, once
      assertThat(asked).as("eth_getLogs requests").isLessThanOrEqualTo(4 + 2);
      assertThat(millis).as("catch-up time").isLessThan(15_000);
    }
  }

  @Test
  void aResultCountCapSplitsTheRangeUntilEachAnswerFits() {
    long start = devnet.chain().blockNumber();
    try (Rig rig = rig(start, 200)) {
      List<WatchFixture.TestSeat> seats = List.of(deposit(rig.db()), deposit(rig.db()), deposit(rig.db()));
      mine(CONFIRMATIONS);
      // Infura's wording ("query returned more than 10000 results"), scaled down to what a test can deposit
      proxy.capLogResults(1);
      catchUp(rig.watcher());
      for (WatchFixture.TestSeat s : seats) {
        assertThat(WatchFixture.state(rig.db(), s.id())).isEqualTo(SeatState.DEPOSITED);
      }
      assertThat(rig.watcher().workingRange()).isLessThan(200);
    }
  }

  @Test
  void aWatcherThatCannotReadLogsReportsItsTrueLag() throws Exception {
    long start = devnet.chain().blockNumber();
    try (Rig rig = rig(start, 100)) {
      mine(CONFIRMATIONS + 1);
      catchUp(rig.watcher());
      assertThat(rig.cursors().get(DepositWatcher.ROLE).orElseThrow().lag()).isZero();
      mineMany(500);
      proxy.jsonRpcError("eth_getLogs", 1_000, -32000, "header not found");
      assertThatThrownBy(() -> rig.watcher().tick()).isInstanceOfSatisfying(ChainException.class,
          e -> assertThat(e.code()).isEqualTo(ChainErrorCode.RPC_ERROR));
      assertThat(rig.cursors().get(DepositWatcher.ROLE).orElseThrow().lag()).isGreaterThanOrEqualTo(490);
    }
  }

  /** HealthAlerts with a 20-block lag threshold (SEAT_MANAGER_DEPOSIT_LAG_BLOCKS) and no endpoints of its own to ask. */
  private static HealthAlerts health(Rig rig) {
    java.util.Map<String, String> env = new java.util.HashMap<>();
    env.put("SESSION_HMAC_SECRET", TestSecrets.hex32());
    env.put("STEP_UP_HMAC_SECRET", TestSecrets.hex32());
    env.put("SEAT_MANAGER_ENV", "development");
    env.put("DATABASE_URL", "postgres://u@127.0.0.1:5432/db");
    env.put("SEAT_MANAGER_DEPOSIT_LAG_BLOCKS", "20");
    return new HealthAlerts(ConfigLoader.load(new Environment(env), "127.0.0.1", 0), new ConfigAlerts(Duration.ofDays(14)),
        rig.alerts(), rig.cursors(), rig.db().jdbi(), Clock.systemUTC(), List.of());
  }

  @Test
  void aSlowlyWorkedAroundCapOrAFailingRangeRaisesWatcherLaggingUntilTheWatcherCatchesUp() throws Exception {
    long start = devnet.chain().blockNumber();
    try (Rig rig = rig(start, 100)) {
      HealthAlerts health = health(rig);
      mine(CONFIRMATIONS + 1);
      catchUp(rig.watcher());
      health.evaluate();
      assertThat(rig.alerts().openAlert("WATCHER_LAGGING:el-deposits")).isEmpty();

      // a provider capping eth_getLogs at one block: learned in one round, after which 64 ranges a
      // round cover 64 of the next 100 blocks
      mine(20);
      proxy.capLogRange(1, "block range is too wide: maximum 1 block");
      rig.watcher().tick();
      assertThat(rig.watcher().workingRange()).isEqualTo(1);
      mineMany(100);
      rig.watcher().tick();
      assertThat(rig.cursors().get(DepositWatcher.ROLE).orElseThrow().lag()).isGreaterThan(20);
      health.evaluate();
      assertThat(rig.alerts().openAlert("WATCHER_LAGGING:el-deposits")).isPresent();
      catchUp(rig.watcher());
      health.evaluate();
      assertThat(rig.alerts().openAlert("WATCHER_LAGGING:el-deposits")).as("caught up: cleared").isEmpty();

      // a range that fails outright: the rounds fail, the lag they leave is true and the alert fires
      mineMany(100);
      proxy.honest();
      proxy.jsonRpcError("eth_getLogs", 1_000, -32000, "header not found");
      assertThatThrownBy(() -> rig.watcher().tick()).isInstanceOf(ChainException.class);
      health.evaluate();
      assertThat(rig.alerts().openAlert("WATCHER_LAGGING:el-deposits")).isPresent()
          .get().satisfies(a -> assertThat(a.message()).contains("blocks behind the confirmed head"));
      proxy.honest();
      catchUp(rig.watcher());
      health.evaluate();
      assertThat(rig.alerts().openAlert("WATCHER_LAGGING:el-deposits")).isEmpty();
    }
  }
}
