package org.centurion.seatmanager.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.centurion.seatmanager.alerts.Alert;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertQuery;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.config.NamedEndpoint;
import org.centurion.seatmanager.chain.RpcSettings;
import org.centurion.seatmanager.devnet.Anvil;
import org.centurion.seatmanager.devnet.AnvilControl;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.seats.SeatState;
import org.centurion.seatmanager.seats.SeatStore;
import org.centurion.seatmanager.seats.SeatTransitions;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.testing.MisbehavingEndpoint;
import org.centurion.seatmanager.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * The EL deposit watcher on a real anvil devnet and PostgreSQL: acts only at the confirmation
 * depth, moves our deposit's seat with evidence, detects a front-running deposit, and rewinds a
 * reorg (anvil snapshot/revert) moving the seat back with an alert.
 */
class DepositWatcherTest {
  static final int CONFIRMATIONS = 3;
  static Devnet devnet;
  static Database db;
  static ExecutionClient el;
  static DepositWatcher watcher;
  static AlertService alerts;
  static Credentials beneficiary = DevnetAccounts.account(DevnetAccounts.BENEFICIARY);

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(DevnetConfig.forTests());
    db = Database.open(TestDatabases.fresh(), "deposit-watcher-test", 4);
    new Migrations(db.dataSource()).migrate();
    el = new ExecutionClient(new NamedEndpoint("anvil", java.net.URI.create(devnet.rpcUrl())), RpcSettings.defaults());
    alerts = new AlertService(db.jdbi(), Clock.systemUTC());
    SeatStore store = new SeatStore();
    // the devnet's depositor account stands in for the treasury: it is "ours"
    DepositWatcherSettings settings = new DepositWatcherSettings(devnet.addresses().depositContract(),
        Set.of(devnet.depositor().getAddress(), devnet.addresses().treasuryRouter()), 0, CONFIRMATIONS, 50, 64);
    watcher = new DepositWatcher(db.jdbi(), el, java.util.Optional.empty(), settings, store, new SeatTransitions(store), alerts,
        new WatcherCursors(db.jdbi(), Clock.systemUTC()), "test:1", Clock.systemUTC());
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

  static void catchUp() {
    for (int i = 0; i < 1000; i++) {
      DepositWatcher.Round r = watcher.tick();
      if (r.to() < r.from() && r.reorgAt().isEmpty()) {
        return;
      }
    }
    throw new AssertionError("watcher did not catch up");
  }

  static void mine(int n) {
    for (int i = 0; i < n; i++) {
      devnet.chain().mine();
    }
  }

  /** A seat of {@code own}'s database deposited on the devnet, its block confirmed. */
  private record Deposited(WatchFixture.TestSeat seat, long block) {}

  private static Deposited depositedSeat(Database own) {
    new Migrations(own.dataSource()).migrate();
    WatchFixture.TestSeat seat = WatchFixture.seat(devnet, own, SeatState.ALLOWLISTED, beneficiary);
    devnet.ops().allow(seat.data(), devnet.depositor().getAddress());
    long block = devnet.ops().deposit(devnet.depositor(), seat.data()).getBlockNumber().longValueExact();
    mine(CONFIRMATIONS);
    return new Deposited(seat, block);
  }

  /** A watcher on {@code own}'s database that cross-checks against {@code second}, starting just before the deposit. */
  private static DepositWatcher crossChecked(Database own, ExecutionClient second, long depositBlock, AlertService alerts,
      WatcherCursors cursors) {
    SeatStore store = new SeatStore();
    DepositWatcherSettings settings = new DepositWatcherSettings(devnet.addresses().depositContract(),
        Set.of(devnet.depositor().getAddress(), devnet.addresses().treasuryRouter()), depositBlock - 2, CONFIRMATIONS, 50, 64);
    return new DepositWatcher(own.jdbi(), el, java.util.Optional.of(second), settings, store, new SeatTransitions(store),
        alerts, cursors, "test:cross", Clock.systemUTC());
  }

  private static void tickUntilIdle(DepositWatcher w) {
    DepositWatcher.Round r;
    int rounds = 0;
    do {
      r = w.tick();
    } while (r.to() >= r.from() && ++rounds < 100);
  }

  @Test
  void keptBlockHashesArePrunedBelowTheReorgCheckHorizonAndAReorgAboveItIsStillCaught() {
    try (Database own = Database.open(TestDatabases.fresh(), "deposit-prune-test", 2)) {
      new Migrations(own.dataSource()).migrate();
      SeatStore store = new SeatStore();
      long start = el.blockNumber().longValueExact();
      int depth = 4;
      int confirmations = 1;
      DepositWatcher small = new DepositWatcher(own.jdbi(), el, java.util.Optional.empty(),
          new DepositWatcherSettings(devnet.addresses().depositContract(), Set.of(devnet.addresses().treasuryRouter()), start,
              confirmations, 1, depth).withRangesPerRound(1),
          store, new SeatTransitions(store), new AlertService(own.jdbi(), Clock.systemUTC()),
          new WatcherCursors(own.jdbi(), Clock.systemUTC()), "test:prune", Clock.systemUTC());
      mine(20);
      int rounds = 0;
      DepositWatcher.Round r;
      do {
        r = small.tick();
        rounds++;
      } while (r.to() >= r.from() && rounds < 100);
      long cursor = r.from() - 1;
      assertThat(rounds).as("one block per round").isGreaterThan(20);
      List<Long> kept = own.jdbi().withHandle(h -> h.createQuery("SELECT block_number FROM el_processed_blocks ORDER BY block_number")
          .mapTo(Long.class).list());
      // the newest `depth` rows, plus whatever lies within 2 x confirmations of the last range
      assertThat(kept).hasSize(depth);
      assertThat(kept.get(kept.size() - 1)).isEqualTo(cursor);
      assertThat(kept.get(0)).isEqualTo(cursor - depth + 1);

      // the newest two kept hashes no longer match the chain (as after a two-block reorg): the rescan starts
      // right after the highest kept block that still matches
      own.jdbi().useHandle(h -> h.execute("UPDATE el_processed_blocks SET block_hash = ? WHERE block_number >= ?",
          "0x" + "ab".repeat(32), kept.get(2)));
      assertThat(small.tick().reorgAt()).contains(kept.get(1) + 1);
    }
  }

  @Test
  void oneCatchUpRoundCoversSeveralSlicesAndFindsEveryDepositInThemOnce() {
    try (Database own = Database.open(TestDatabases.fresh(), "deposit-slices-test", 2)) {
      new Migrations(own.dataSource()).migrate();
      long start = el.blockNumber().longValueExact() + 1;
      List<Long> depositBlocks = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        WatchFixture.TestSeat seat = WatchFixture.seat(devnet, own, SeatState.ALLOWLISTED, beneficiary);
        devnet.ops().allow(seat.data(), devnet.depositor().getAddress());
        depositBlocks.add(devnet.ops().deposit(devnet.depositor(), seat.data()).getBlockNumber().longValueExact());
        mine(4);
      }
      long head = el.blockNumber().longValueExact();
      SeatStore store = new SeatStore();
      DepositWatcher w = new DepositWatcher(own.jdbi(), el, java.util.Optional.empty(),
          new DepositWatcherSettings(devnet.addresses().depositContract(), Set.of(devnet.depositor().getAddress()), start, 0, 3, 64)
              .withRangesPerRound(4),
          store, new SeatTransitions(store), new AlertService(own.jdbi(), Clock.systemUTC()),
          new WatcherCursors(own.jdbi(), Clock.systemUTC()), "test:slices", Clock.systemUTC());
      DepositWatcher.Round first = w.tick();
      assertThat(first.to() - first.from() + 1).as("4 slices of 3 blocks").isEqualTo(Math.min(12, head - start + 1));
      DepositWatcher.Round r = first;
      while (r.to() >= r.from()) {
        r = w.tick();
      }
      List<Long> observed = own.jdbi().withHandle(h -> h.createQuery(
          "SELECT block_number FROM deposit_observations WHERE verdict = 'OURS' ORDER BY block_number").mapTo(Long.class).list());
      assertThat(observed).isEqualTo(depositBlocks);
      List<String> states = own.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT state FROM seats").mapTo(String.class).list());
      assertThat(states).containsExactly("DEPOSITED");
    }
  }

  @Test
  void depositLogsDisagreeingWithTheSecondEndpointAreNotActedOnUntilTheyAgree() throws Exception {
    try (Database own = Database.open(TestDatabases.fresh(), "deposit-crosscheck-test", 2);
        Anvil forkAnvil = Anvil.start(el.chainId());
        ExecutionClient fork = new ExecutionClient(new NamedEndpoint("el-b", java.net.URI.create(forkAnvil.rpcUrl())),
            RpcSettings.defaults());
        ExecutionClient same = new ExecutionClient(new NamedEndpoint("el-b",
            java.net.URI.create(devnet.rpcUrl().replace("127.0.0.1", "localhost"))), RpcSettings.defaults())) {
      Deposited d = depositedSeat(own);
      WatchFixture.TestSeat seat = d.seat();
      long depositBlock = d.block();
      AlertService ownAlerts = new AlertService(own.jdbi(), Clock.systemUTC());
      WatcherCursors ownCursors = new WatcherCursors(own.jdbi(), Clock.systemUTC());
      DepositWatcher forked = crossChecked(own, fork, depositBlock, ownAlerts, ownCursors);
      String key = "ENDPOINT_DISAGREEING:deposit-logs:el-b";

      // a second endpoint that has not reached the range yet: wait, and say so
      DepositWatcher.Round held = forked.tick();
      assertThat(held.to()).isLessThan(held.from());
      assertThat(ownAlerts.openAlert(key).orElseThrow().severity()).isEqualTo(org.centurion.seatmanager.alerts.Severity.WARNING);
      // a second endpoint on another chain history: the range is not acted on
      AnvilControl forkControl = new AnvilControl(org.web3j.protocol.Web3j.build(new org.web3j.protocol.http.HttpService(
          forkAnvil.rpcUrl())), new org.web3j.protocol.http.HttpService(forkAnvil.rpcUrl()));
      while (forkControl.blockNumber() < devnet.chain().blockNumber()) {
        forkControl.mine();
      }
      held = forked.tick();
      assertThat(held.to()).isLessThan(held.from());
      Alert disagreeing = ownAlerts.openAlert(key).orElseThrow();
      assertThat(disagreeing.severity()).isEqualTo(org.centurion.seatmanager.alerts.Severity.CRITICAL);
      assertThat(disagreeing.message()).contains("not acted on", "el-b", "anvil");
      assertThat(WatchFixture.state(own, seat.id())).isEqualTo(SeatState.ALLOWLISTED);
      assertThat(ownCursors.get(DepositWatcher.ROLE).orElseThrow().cursor()).as("the range is tried again").isLessThan(depositBlock);
      long observed = own.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM deposit_observations").mapTo(Long.class).one());
      assertThat(observed).isZero();

      // the endpoints agree: the same range is acted on and the alert resolves itself
      tickUntilIdle(crossChecked(own, same, depositBlock, ownAlerts, ownCursors));
      assertThat(WatchFixture.state(own, seat.id())).isEqualTo(SeatState.DEPOSITED);
      assertThat(ownAlerts.openAlert(key)).isEmpty();
    }
  }

  @Test
  void aSecondEndpointNamingAnotherSenderForOurDepositHoldsTheRangeUntilTheyAgree() throws Exception {
    try (Database own = Database.open(TestDatabases.fresh(), "deposit-sender-test", 2);
        MisbehavingEndpoint liar = new MisbehavingEndpoint(devnet.rpcUrl());
        ExecutionClient second = new ExecutionClient(new NamedEndpoint("el-b", java.net.URI.create(liar.url())),
            RpcSettings.defaults())) {
      Deposited d = depositedSeat(own);
      WatchFixture.TestSeat seat = d.seat();
      AlertService ownAlerts = new AlertService(own.jdbi(), Clock.systemUTC());
      DepositWatcher crossChecked = crossChecked(own, second, d.block(), ownAlerts,
          new WatcherCursors(own.jdbi(), Clock.systemUTC()));
      String key = "ENDPOINT_DISAGREEING:deposit-logs:el-b";

      liar.behave(MisbehavingEndpoint.Mode.WRONG_SENDER);
      DepositWatcher.Round held = crossChecked.tick();
      assertThat(held.to()).as("logs and block hashes agree, the sender does not").isLessThan(held.from());
      Alert disagreeing = ownAlerts.openAlert(key).orElseThrow();
      assertThat(disagreeing.severity()).isEqualTo(org.centurion.seatmanager.alerts.Severity.CRITICAL);
      assertThat(disagreeing.message()).contains("not acted on", MisbehavingEndpoint.OTHER_SENDER);
      assertThat(WatchFixture.state(own, seat.id())).isEqualTo(SeatState.ALLOWLISTED);
      assertThat(ownAlerts.list(AlertQuery.openAlerts(50))).extracting(Alert::kind)
          .doesNotContain(AlertKind.FRONT_RUNNING_ATTEMPT);

      liar.behave(MisbehavingEndpoint.Mode.HONEST);
      tickUntilIdle(crossChecked);
      assertThat(WatchFixture.state(own, seat.id())).isEqualTo(SeatState.DEPOSITED);
      assertThat(ownAlerts.openAlert(key)).isEmpty();
    }
  }

  @Test
  void ourDepositMovesTheSeatOnlyAtConfirmationDepthWithEvidence() {
    WatchFixture.TestSeat seat = WatchFixture.seat(devnet, db, SeatState.ALLOWLISTED, beneficiary);
    devnet.ops().allow(seat.data(), devnet.depositor().getAddress());
    var receipt = devnet.ops().deposit(devnet.depositor(), seat.data());
    catchUp();
    assertThat(WatchFixture.state(db, seat.id())).as("not yet at depth").isEqualTo(SeatState.ALLOWLISTED);
    mine(CONFIRMATIONS);
    catchUp();
    assertThat(WatchFixture.state(db, seat.id())).isEqualTo(SeatState.DEPOSITED);
    var evidence = db.jdbi().withHandle(h -> h.createQuery("SELECT tx_hash, block_number, block_hash, event, actor"
        + " FROM seat_evidence WHERE seat_id = :id AND to_state = 'DEPOSITED'").bind("id", seat.id()).mapToMap().one());
    assertThat(evidence.get("tx_hash")).isEqualTo(receipt.getTransactionHash());
    assertThat(evidence.get("block_hash")).isEqualTo(receipt.getBlockHash());
    assertThat(evidence.get("event")).isEqualTo("DepositEvent");
    assertThat(evidence.get("actor")).isEqualTo("watcher:el-deposits");
    WatcherCursor cursor = new WatcherCursors(db.jdbi(), Clock.systemUTC()).get(DepositWatcher.ROLE).orElseThrow();
    assertThat(cursor.cursor()).isEqualTo(el.blockNumber().longValueExact() - CONFIRMATIONS);
    assertThat(cursor.lag()).isZero();
  }

  @Test
  void aDepositForOurPubkeyFromAnotherSenderIsAFrontRun() {
    WatchFixture.TestSeat seat = WatchFixture.seat(devnet, db, SeatState.DATA_VERIFIED, beneficiary);
    Credentials attacker = DevnetAccounts.account(7);
    devnet.chain().credit(attacker.getAddress(), new java.math.BigInteger("100000000000000000000"));
    devnet.ops().allow(seat.data(), attacker.getAddress());
    var receipt = devnet.ops().deposit(attacker, seat.data());
    mine(CONFIRMATIONS);
    catchUp();
    assertThat(WatchFixture.state(db, seat.id())).isEqualTo(SeatState.EXCEPTION);
    String reason = db.jdbi().withHandle(h -> h.createQuery("SELECT exception_reason FROM seats WHERE id = :id")
        .bind("id", seat.id()).mapTo(String.class).one());
    assertThat(reason).contains("front-running").contains(attacker.getAddress().toLowerCase());
    List<Alert> a = alerts.list(new AlertQuery(java.util.Optional.of(AlertKind.FRONT_RUNNING_ATTEMPT),
        java.util.Optional.empty(), java.util.Optional.of(seat.id()), java.util.Optional.of(true),
        java.util.Optional.empty(), 10));
    assertThat(a).singleElement().satisfies(x -> assertThat(x.message()).contains(receipt.getTransactionHash()));
    // a second round does not raise it again: the observation is recorded once
    catchUp();
    assertThat(alerts.openAlert(a.get(0).dedupeKey()).orElseThrow().count()).isEqualTo(1);
  }

  @Test
  void aReorgOfTheDepositBlockMovesTheSeatBackWithAnAlertAndTheRedepositMovesItAgain() {
    WatchFixture.TestSeat seat = WatchFixture.seat(devnet, db, SeatState.ALLOWLISTED, beneficiary);
    devnet.ops().allow(seat.data(), devnet.depositor().getAddress());
    catchUp();
    String snapshot = devnet.chain().snapshot();
    devnet.ops().deposit(devnet.depositor(), seat.data());
    mine(CONFIRMATIONS);
    catchUp();
    assertThat(WatchFixture.state(db, seat.id())).isEqualTo(SeatState.DEPOSITED);

    // the deposit's block leaves the canonical chain; a longer chain without it replaces it
    devnet.chain().revert(snapshot);
    devnet.chain().advanceTime(Duration.ofSeconds(7));
    mine(CONFIRMATIONS + 3);
    DepositWatcher.Round r = watcher.tick();
    assertThat(r.reorgAt()).isPresent();
    assertThat(WatchFixture.state(db, seat.id())).isEqualTo(SeatState.ALLOWLISTED);
    assertThat(alerts.list(new AlertQuery(java.util.Optional.of(AlertKind.REORG), java.util.Optional.empty(),
        java.util.Optional.of(seat.id()), java.util.Optional.of(true), java.util.Optional.empty(), 10))).hasSize(1);
    var back = db.jdbi().withHandle(h -> h.createQuery("SELECT event FROM seat_evidence WHERE seat_id = :id"
        + " AND from_state = 'DEPOSITED' AND to_state = 'ALLOWLISTED'").bind("id", seat.id()).mapTo(String.class).list());
    assertThat(back).containsExactly("DepositEvent reorged");
    catchUp();
    assertThat(WatchFixture.state(db, seat.id())).as("nothing to see on the new chain").isEqualTo(SeatState.ALLOWLISTED);

    devnet.ops().deposit(devnet.depositor(), seat.data());
    mine(CONFIRMATIONS);
    catchUp();
    assertThat(WatchFixture.state(db, seat.id())).isEqualTo(SeatState.DEPOSITED);
  }
}
