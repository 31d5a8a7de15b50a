package org.centurion.seatmanager.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.centurion.seatmanager.alerts.Alert;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.Severity;
import org.centurion.seatmanager.auth.TestClock;
import org.centurion.seatmanager.chain.ExecutionClient;
import org.centurion.seatmanager.config.NamedEndpoint;
import org.centurion.seatmanager.chain.RpcSettings;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.seats.SeatState;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;

/**
 * Reward sweeps, pending claims and settlement on real reference vaults (anvil): each anomaly is
 * raised from what the vault's views say, and resolves itself once the vault is put right.
 */
class VaultWatcherTest {
  static final BigInteger CTN = BigInteger.TEN.pow(18);
  static Devnet devnet;
  static Database db;
  static ExecutionClient el;
  static AlertService alerts;
  static VaultWatcher watcher;
  static final TestClock CLOCK = new TestClock(Instant.now());
  static final Credentials BENEFICIARY = DevnetAccounts.account(DevnetAccounts.BENEFICIARY);

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(DevnetConfig.forTests());
    db = Database.open(TestDatabases.fresh(), "vault-watcher-test", 4);
    new Migrations(db.dataSource()).migrate();
    el = new ExecutionClient(new NamedEndpoint("anvil", URI.create(devnet.rpcUrl())), RpcSettings.defaults());
    alerts = new AlertService(db.jdbi(), CLOCK);
    watcher = new VaultWatcher(db.jdbi(), WatchFixture.reads(devnet, el), devnet.addresses().treasuryRouter(),
        VaultWatcherSettings.defaults().withTreasuryLowWei(BigInteger.ZERO), alerts, new WatcherCursors(db.jdbi(), CLOCK),
        "t:1", CLOCK);
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

  static String key(long seat, String what) {
    return "VAULT_ANOMALY:seat:" + seat + ":" + what;
  }

  @Test
  void sweepsAreRecordedAndAnActiveVaultWithoutSweepsRaisesAnAlertUntilOneArrives() {
    WatchFixture.TestSeat seat = WatchFixture.seat(devnet, db, SeatState.ACTIVE, BENEFICIARY);
    watcher.tick();
    assertThat(alerts.openAlert(key(seat.id(), "no-sweep"))).isEmpty();
    CLOCK.advance(Duration.ofHours(47));
    watcher.tick();
    assertThat(alerts.openAlert(key(seat.id(), "no-sweep"))).as("within 48 h").isEmpty();
    CLOCK.advance(Duration.ofHours(2));
    watcher.tick();
    Alert stalled = alerts.openAlert(key(seat.id(), "no-sweep")).orElseThrow();
    assertThat(stalled.severity()).isEqualTo(Severity.WARNING);

    BigInteger sweep = CTN.divide(BigInteger.valueOf(50));
    devnet.chain().credit(seat.vault(), sweep);
    devnet.chain().mine();
    watcher.tick();
    assertThat(alerts.openAlert(key(seat.id(), "no-sweep"))).as("a sweep arrived").isEmpty();
    List<BigInteger> inflows = db.jdbi().withHandle(h -> h.createQuery(
            "SELECT amount_wei FROM vault_inflows WHERE seat_id = :id ORDER BY id").bind("id", seat.id())
        .map((rs, ctx) -> rs.getBigDecimal(1).toBigIntegerExact()).list());
    assertThat(inflows).containsExactly(sweep);
    watcher.tick();
    long count = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM vault_inflows WHERE seat_id = :id")
        .bind("id", seat.id()).mapTo(Long.class).one());
    assertThat(count).as("no growth, no new inflow").isEqualTo(1);

    // not ACTIVE: no sweeps are expected, whatever the time
    db.jdbi().useHandle(h -> h.execute("UPDATE seats SET state = 'EXIT_REQUESTED' WHERE id = ?", seat.id()));
    CLOCK.advance(Duration.ofDays(10));
    watcher.tick();
    assertThat(alerts.openAlert(key(seat.id(), "no-sweep"))).isEmpty();
  }

  @Test
  void aSweepIsRecordedOnlyOnceItsBlockHasTheConfiguredConfirmations() {
    VaultWatcher confirmed = new VaultWatcher(db.jdbi(), WatchFixture.reads(devnet, el), devnet.addresses().treasuryRouter(),
        VaultWatcherSettings.defaults().withTreasuryLowWei(BigInteger.ZERO).withConfirmations(3), alerts,
        new WatcherCursors(db.jdbi(), CLOCK), "t:2", CLOCK);
    WatchFixture.TestSeat seat = WatchFixture.seat(devnet, db, SeatState.ACTIVE, BENEFICIARY);
    devnet.chain().mine();
    devnet.chain().mine();
    devnet.chain().mine();
    confirmed.tick();
    BigInteger sweep = CTN.divide(BigInteger.valueOf(40));
    devnet.chain().credit(seat.vault(), sweep);
    devnet.chain().mine();
    confirmed.tick();
    assertThat(inflows(seat.id())).as("the sweep's block is at the head: a reorg could still take it back").isEmpty();
    devnet.chain().mine();
    devnet.chain().mine();
    devnet.chain().mine();
    confirmed.tick();
    assertThat(inflows(seat.id())).containsExactly(sweep);
  }

  private static List<BigInteger> inflows(long seatId) {
    return db.jdbi().withHandle(h -> h.createQuery(
            "SELECT amount_wei FROM vault_inflows WHERE seat_id = :id ORDER BY id").bind("id", seatId)
        .map((rs, ctx) -> rs.getBigDecimal(1).toBigIntegerExact()).list());
  }

  @Test
  void aClaimLeftPendingPastItsWindowOrAboveTheCapRaisesAlertsThatClearWhenItIsCancelled() {
    WatchFixture.TestSeat seat = WatchFixture.seat(devnet, db, SeatState.EXIT_REQUESTED, BENEFICIARY);
    devnet.chain().credit(seat.vault(), CTN);
    devnet.ops().transactor().send(BENEFICIARY, seat.vault(), BigInteger.ZERO,
        call("initiateClaimRewards", new Uint256(CTN.divide(BigInteger.TEN))));
    watcher.tick();
    assertThat(alerts.openAlert(key(seat.id(), "claim-overdue"))).isEmpty();
    assertThat(alerts.openAlert(key(seat.id(), "claim-above-cap"))).isEmpty();

    // ready after 24 h; the window is 3 days more
    devnet.chain().advanceTime(Duration.ofHours(24).plus(Duration.ofDays(3)).plusSeconds(5));
    watcher.tick();
    assertThat(alerts.openAlert(key(seat.id(), "claim-overdue"))).isPresent();

    devnet.ops().viaRouter(seat.vault(), BigInteger.ZERO, call("setMaxClaimPerPeriod", new Uint256(CTN.divide(BigInteger.valueOf(100)))));
    watcher.tick();
    assertThat(alerts.openAlert(key(seat.id(), "claim-above-cap"))).isPresent();

    devnet.ops().transactor().send(BENEFICIARY, seat.vault(), BigInteger.ZERO, call("cancelClaimRewards"));
    watcher.tick();
    assertThat(alerts.openAlert(key(seat.id(), "claim-overdue"))).as("cancelled").isEmpty();
    assertThat(alerts.openAlert(key(seat.id(), "claim-above-cap"))).isEmpty();
  }

  @Test
  void aSettlementNotFinalizedInTimeAndAPrincipalShortfallAreRaised() {
    WatchFixture.TestSeat seat = WatchFixture.seat(devnet, db, SeatState.SETTLING, BENEFICIARY);
    BigInteger proceeds = CTN.multiply(BigInteger.valueOf(31));    // an exit that came back short of 32 CTN
    devnet.chain().credit(seat.vault(), proceeds);
    devnet.ops().viaRouter(seat.vault(), BigInteger.ZERO, call("proposeSettlement", new Uint256(BigInteger.ZERO)));
    watcher.tick();
    assertThat(alerts.openAlert(key(seat.id(), "settlement-overdue"))).isEmpty();
    devnet.chain().advanceTime(Duration.ofHours(2).plusSeconds(5));
    watcher.tick();
    assertThat(alerts.openAlert(key(seat.id(), "settlement-overdue"))).isPresent();

    devnet.ops().viaRouter(seat.vault(), BigInteger.ZERO, call("finalizeSettlement"));
    watcher.tick();
    assertThat(alerts.openAlert(key(seat.id(), "settlement-overdue"))).as("finalized").isEmpty();
    Alert shortfall = alerts.openAlert(key(seat.id(), "principal-shortfall")).orElseThrow();
    assertThat(shortfall.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(shortfall.message()).contains(proceeds.toString());
    assertThat(alerts.openAlert(key(seat.id(), "conservation"))).as("the reference vault conserves").isEmpty();
  }

  /**
   * A primary that lies about a vault (no code, or a lifetime that grew) beside an honest endpoint:
   * the round records nothing (no inflow, no anomaly raised or cleared) and ENDPOINT_DISAGREEING names the read.
   */
  @Test
  void aLyingPrimaryNeitherInventsNorHidesAnAnomalyAndRaisesTheAlert() throws Exception {
    try (org.centurion.seatmanager.testing.FaultyRpcProxy liar = new org.centurion.seatmanager.testing.FaultyRpcProxy(devnet.rpcUrl());
        ExecutionClient lying = new ExecutionClient(new NamedEndpoint("liar", URI.create(liar.url())), RpcSettings.defaults())) {
      org.centurion.seatmanager.alerts.EndpointAgreementLog log = new org.centurion.seatmanager.alerts.EndpointAgreementLog(db.jdbi(), alerts, CLOCK);
      VaultWatcher crossChecked = new VaultWatcher(db.jdbi(), WatchFixture.reads(devnet, lying, el).recordingTo(log),
          devnet.addresses().treasuryRouter(), VaultWatcherSettings.defaults().withTreasuryLowWei(BigInteger.ZERO), alerts,
          new WatcherCursors(db.jdbi(), CLOCK), "t:3", CLOCK);
      WatchFixture.TestSeat seat = WatchFixture.seat(devnet, db, SeatState.ACTIVE, BENEFICIARY);
      crossChecked.tick();
      String readKey = org.centurion.seatmanager.alerts.EndpointAgreementLog.dedupeKey(VaultWatcher.READ);
      assertThat(alerts.openAlert(readKey)).isEmpty();

      // the vault's code "vanished" on the primary: no false CRITICAL alert, the disagreement is
      liar.lie("eth_getCode", (req, result) -> tools.jackson.databind.node.StringNode.valueOf("0x"));
      org.assertj.core.api.Assertions.assertThatThrownBy(crossChecked::tick)
          .isInstanceOf(org.centurion.seatmanager.chain.EndpointCrossCheck.CrossCheckFailedException.class)
          .hasMessageContaining("ENDPOINTS_DISAGREE");
      assertThat(alerts.openAlert(key(seat.id(), "no-code"))).isEmpty();
      Alert disagreeing = alerts.openAlert(readKey).orElseThrow();
      assertThat(disagreeing.message()).contains("liar", "anvil").doesNotContain(liar.url());

      // an invented sweep (every uint view answers 50 CTN): no inflow is recorded
      liar.lie("eth_call", (req, result) -> tools.jackson.databind.node.StringNode.valueOf(
          org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(CTN.multiply(BigInteger.valueOf(50)), 64)));
      liar.lie("eth_getCode", (req, result) -> result);
      List<BigInteger> inflowsBefore = inflows(seat.id());
      org.assertj.core.api.Assertions.assertThatThrownBy(crossChecked::tick)
          .isInstanceOf(org.centurion.seatmanager.chain.EndpointCrossCheck.CrossCheckFailedException.class);
      assertThat(inflows(seat.id())).isEqualTo(inflowsBefore);

      liar.honest();
      crossChecked.tick();
      assertThat(alerts.openAlert(readKey)).as("agreement resolves it").isEmpty();
      assertThat(inflows(seat.id())).isEqualTo(inflowsBefore);
    }
  }

  static String call(String name, org.web3j.abi.datatypes.Type<?>... args) {
    return FunctionEncoder.encode(new Function(name, List.of(args), List.of()));
  }
}
