package org.centurion.seatmanager.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertQuery;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.beacon.BeaconClient;
import org.centurion.seatmanager.config.NamedEndpoint;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.devnet.beacon.BeaconSpec;
import org.centurion.seatmanager.devnet.beacon.EndpointBehaviour;
import org.centurion.seatmanager.seats.SeatState;
import org.centurion.seatmanager.seats.SeatStore;
import org.centurion.seatmanager.seats.SeatTransitions;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * The CL watcher on a devnet with two simulated beacon endpoints that must both agree: promotion
 * to SEEN_BY_CL and ACTIVE with finalized-state evidence, a lagging endpoint blocking promotion,
 * EXIT_REQUESTED to EXITED after the real exit, an ignored exit request, and a slashing.
 */
class ValidatorWatcherTest {
  static Devnet devnet;
  static Database db;
  static AlertService alerts;
  static ValidatorWatcher watcher;
  static Credentials beneficiary = DevnetAccounts.account(DevnetAccounts.BENEFICIARY);

  @BeforeAll
  static void start() throws Exception {
    BeaconSpec spec = new BeaconSpec(1, 4, 8, 4, 2, 2, 1_000_000L, 32, DevnetConfig.DEVNET_GENESIS_FORK_VERSION, 286, null);
    devnet = Devnet.start(DevnetConfig.forTests().withBeacon(spec));
    db = Database.open(TestDatabases.fresh(), "validator-watcher-test", 4);
    new Migrations(db.dataSource()).migrate();
    alerts = new AlertService(db.jdbi(), Clock.systemUTC());
    List<BeaconClient> clients = List.of(
        new BeaconClient(new NamedEndpoint("cl-a", URI.create(devnet.beaconUrls().get(0))), Duration.ofSeconds(5)),
        new BeaconClient(new NamedEndpoint("cl-b", URI.create(devnet.beaconUrls().get(1))), Duration.ofSeconds(5)));
    SeatStore store = new SeatStore();
    watcher = new ValidatorWatcher(db.jdbi(), clients, new ValidatorWatcherSettings(2, 3), store,
        new SeatTransitions(store), alerts, new WatcherCursors(db.jdbi(), Clock.systemUTC()), "test:1", Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (db != null) {
      db.close();
    }
    devnet.close();
  }

  /** A seat whose 32 CTN deposit is on chain, recorded as DEPOSITED (the deposit watcher's job, tested elsewhere). */
  static WatchFixture.TestSeat deposited() {
    WatchFixture.TestSeat seat = WatchFixture.seat(devnet, db, SeatState.DEPOSITED, beneficiary);
    devnet.ops().allow(seat.data(), devnet.depositor().getAddress());
    devnet.ops().deposit(devnet.depositor(), seat.data());
    return seat;
  }

  static void untilState(WatchFixture.TestSeat seat, SeatState expected, int maxEpochs) {
    for (int i = 0; i < maxEpochs; i++) {
      watcher.tick();
      if (WatchFixture.state(db, seat.id()) == expected) {
        return;
      }
      devnet.advanceEpochs(1);
    }
    throw new AssertionError("seat " + seat.id() + " is " + WatchFixture.state(db, seat.id()) + ", expected " + expected);
  }

  static void setState(long seatId, SeatState s) {
    db.jdbi().useHandle(h -> h.createUpdate("UPDATE seats SET state = :s WHERE id = :id").bind("s", s.name())
        .bind("id", seatId).execute());
  }

  static String honestStatus(WatchFixture.TestSeat seat) {
    return new BeaconClient(new NamedEndpoint("probe", URI.create(devnet.beaconUrls().get(0))), Duration.ofSeconds(5))
        .validators("finalized", List.of(seat.pubkey())).byPubkey().get(seat.pubkey()).status();
  }

  @Test
  void fullClLifecycleWithALaggingEndpointBlockingPromotion() {
    WatchFixture.TestSeat seat = deposited();
    untilState(seat, SeatState.SEEN_BY_CL, 10);
    var seen = db.jdbi().withHandle(h -> h.createQuery("SELECT beacon_state_id, epoch, slot, header_root, detail"
        + " FROM seat_evidence WHERE seat_id = :id AND to_state = 'SEEN_BY_CL'").bind("id", seat.id()).mapToMap().one());
    assertThat(seen.get("header_root").toString()).startsWith("0x");
    assertThat(seen.get("detail").toString()).contains("cl-a,cl-b");

    devnet.beaconEndpoints().get(1).behave(new EndpointBehaviour.Lagging(6));
    for (int i = 0; i < 12 && !honestStatus(seat).equals("active_ongoing"); i++) {
      devnet.advanceEpochs(1);
    }
    assertThat(honestStatus(seat)).isEqualTo("active_ongoing");
    watcher.tick();
    assertThat(WatchFixture.state(db, seat.id())).as("one endpoint lags: no promotion").isEqualTo(SeatState.SEEN_BY_CL);
    assertThat(alerts.openAlert("ENDPOINT_DISAGREEING:CL:cl-b")).isPresent();

    devnet.beaconEndpoints().get(1).behave(EndpointBehaviour.honest());
    watcher.tick();
    assertThat(WatchFixture.state(db, seat.id())).isEqualTo(SeatState.ACTIVE);
    assertThat(alerts.openAlert("ENDPOINT_DISAGREEING:CL:cl-b")).as("resolved once it agrees again").isEmpty();

    // the exit, past the shard-committee period, through the vault (EIP-7002), then the withdrawal
    devnet.advanceEpochs(9);
    devnet.ops().triggerValidatorExit(seat.vault(), devnet.ops().exitRequestFee(seat.vault()));
    setState(seat.id(), SeatState.EXIT_REQUESTED);
    untilState(seat, SeatState.EXITED, 30);
    assertThat(alerts.openAlert("EXIT_IGNORED:seat:" + seat.id())).isEmpty();
    WatcherCursor c = new WatcherCursors(db.jdbi(), Clock.systemUTC()).get(ValidatorWatcher.ROLE).orElseThrow();
    assertThat(c.cursor()).isPositive();
  }

  @Test
  void anExitRequestTheChainDoesNotActOnRaisesAnAlert() {
    WatchFixture.TestSeat seat = deposited();
    untilState(seat, SeatState.ACTIVE, 15);
    setState(seat.id(), SeatState.EXIT_REQUESTED); // recorded, but no exit ever reached the beacon chain
    for (int i = 0; i < 5; i++) {
      watcher.tick();
      devnet.advanceEpochs(1);
    }
    watcher.tick();
    assertThat(alerts.openAlert("EXIT_IGNORED:seat:" + seat.id())).isPresent();
    assertThat(WatchFixture.state(db, seat.id())).isEqualTo(SeatState.EXIT_REQUESTED);
  }

  @Test
  void aSlashedValidatorRaisesAnAlertAndMovesTheSeatToException() {
    WatchFixture.TestSeat seat = deposited();
    untilState(seat, SeatState.ACTIVE, 15);
    devnet.beacon().slash(seat.key().pubkey());
    untilState(seat, SeatState.EXCEPTION, 6);
    assertThat(alerts.list(new AlertQuery(Optional.of(AlertKind.SLASHING), Optional.empty(), Optional.of(seat.id()),
        Optional.of(true), Optional.empty(), 10))).hasSize(1);
    String reason = db.jdbi().withHandle(h -> h.createQuery("SELECT exception_reason FROM seats WHERE id = :id")
        .bind("id", seat.id()).mapTo(String.class).one());
    assertThat(reason).contains("slashed");
  }
}
