package org.centurion.seatmanager.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.alerts.Alert;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.AlertQuery;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.alerts.Severity;
import org.centurion.seatmanager.beacon.BeaconClient;
import org.centurion.seatmanager.beacon.BeaconException;
import org.centurion.seatmanager.config.NamedEndpoint;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetAccounts;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.devnet.beacon.BeaconSpec;
import org.centurion.seatmanager.seats.SeatState;
import org.centurion.seatmanager.seats.SeatStore;
import org.centurion.seatmanager.seats.SeatTransitions;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.testing.FaultyBeaconProxy;
import org.centurion.seatmanager.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * The CL watcher trusting no single beacon endpoint, on a devnet with three endpoints (two of them
 * behind a {@link FaultyBeaconProxy} that answers in the spec's shapes but says what the test
 * wants; two must agree): one endpoint's word about one validator (withdrawn, slashed, other
 * withdrawal credentials, exiting) raises the right alert naming that endpoint and moves nothing;
 * syncing or optimistic answers are not acted on; a finalized checkpoint that goes backwards and two
 * roots for one finalized epoch are CRITICAL, the latter stopping every move until it clears.
 */
class BeaconTrustTest {
  static Devnet devnet;
  static Database db;
  static AlertService alerts;
  static WatcherCursors cursors;
  static ValidatorWatcher watcher;
  static FaultyBeaconProxy a;
  static FaultyBeaconProxy b;
  static Credentials beneficiary = DevnetAccounts.account(DevnetAccounts.BENEFICIARY);

  @BeforeAll
  static void start() throws Exception {
    BeaconSpec spec = new BeaconSpec(1, 4, 8, 4, 2, 2, 1_000_000L, 32, DevnetConfig.DEVNET_GENESIS_FORK_VERSION, 286, null);
    devnet = Devnet.start(DevnetConfig.forTests().withBeacon(spec));
    db = Database.open(TestDatabases.fresh(), "beacon-trust-test", 4);
    new Migrations(db.dataSource()).migrate();
    alerts = new AlertService(db.jdbi(), Clock.systemUTC());
    cursors = new WatcherCursors(db.jdbi(), Clock.systemUTC());
    a = new FaultyBeaconProxy(devnet.beaconUrls().get(0));
    b = new FaultyBeaconProxy(devnet.beaconUrls().get(1));
    List<BeaconClient> clients = List.of(client("cl-a", a.url()), client("cl-b", b.url()),
        client("cl-c", devnet.beaconUrls().get(0)));
    SeatStore store = new SeatStore();
    watcher = new ValidatorWatcher(db.jdbi(), clients, new ValidatorWatcherSettings(2, 3), store,
        new SeatTransitions(store), alerts, cursors, "test:trust", Clock.systemUTC());
  }

  private static BeaconClient client(String label, String url) {
    return new BeaconClient(new NamedEndpoint(label, URI.create(url)), Duration.ofSeconds(5));
  }

  @AfterAll
  static void stop() {
    a.close();
    b.close();
    db.close();
    devnet.close();
  }

  @AfterEach
  void honest() {
    a.honest();
    b.honest();
    watcher.tick(); // clears the endpoint alerts of the test
  }

  /** A seat with its deposit on chain and the validator in the finalized state (pending), recorded DEPOSITED. */
  static WatchFixture.TestSeat pendingOnTheBeaconChain() {
    WatchFixture.TestSeat seat = WatchFixture.seat(devnet, db, SeatState.DEPOSITED, beneficiary);
    devnet.ops().allow(seat.data(), devnet.depositor().getAddress());
    devnet.ops().deposit(devnet.depositor(), seat.data());
    BeaconClient probe = client("probe", devnet.beaconUrls().get(0));
    for (int i = 0; i < 10 && !probe.validators("finalized", List.of(seat.pubkey())).byPubkey().containsKey(seat.pubkey()); i++) {
      devnet.advanceEpochs(1);
    }
    assertThat(probe.validators("finalized", List.of(seat.pubkey())).byPubkey()).containsKey(seat.pubkey());
    return seat;
  }

  static WatchFixture.TestSeat active() {
    WatchFixture.TestSeat seat = pendingOnTheBeaconChain();
    for (int i = 0; i < 15 && WatchFixture.state(db, seat.id()) != SeatState.ACTIVE; i++) {
      watcher.tick();
      devnet.advanceEpochs(1);
    }
    assertThat(WatchFixture.state(db, seat.id())).isEqualTo(SeatState.ACTIVE);
    return seat;
  }

  static Optional<Alert> open(String key) {
    return alerts.openAlert(key);
  }

  static String disagreementKey(WatchFixture.TestSeat seat, String endpoint) {
    return "ENDPOINT_DISAGREEING:seat:" + seat.id() + ":CL:" + endpoint;
  }

  static List<Alert> openFor(WatchFixture.TestSeat seat, AlertKind kind) {
    return alerts.list(new AlertQuery(Optional.of(kind), Optional.empty(), Optional.of(seat.id()), Optional.of(true),
        Optional.empty(), 10));
  }

  @Test
  void oneEndpointReportingAnActiveValidatorWithdrawnIsNamedAndNothingMoves() {
    WatchFixture.TestSeat seat = active();
    a.validator(seat.pubkey(), Map.of("status", "withdrawal_done"));
    watcher.tick();
    assertThat(WatchFixture.state(db, seat.id())).isEqualTo(SeatState.ACTIVE);
    assertThat(open(disagreementKey(seat, "cl-a"))).isPresent();
    assertThat(open(disagreementKey(seat, "cl-b"))).as("the agreeing majority is not named").isEmpty();
    assertThat(open(disagreementKey(seat, "cl-c"))).isEmpty();
    assertThat(openFor(seat, AlertKind.UNREQUESTED_EXIT)).as("an exit nobody asked for alerts at once").hasSize(1)
        .allSatisfy(al -> assertThat(al.message()).contains("cl-a"));

    // no majority at all: every endpoint is named
    b.validator(seat.pubkey(), Map.of("status", "active_exiting"));
    watcher.tick();
    assertThat(WatchFixture.state(db, seat.id())).isEqualTo(SeatState.ACTIVE);
    for (String e : List.of("cl-a", "cl-b", "cl-c")) {
      assertThat(open(disagreementKey(seat, e))).as(e).isPresent();
    }
  }

  @Test
  void aSlashingOnOneEndpointIsCriticalAtOnceButMovesNothing() {
    WatchFixture.TestSeat seat = active();
    a.validator(seat.pubkey(), Map.of("status", "active_slashed", "slashed", true));
    watcher.tick();
    assertThat(openFor(seat, AlertKind.SLASHING)).singleElement()
        .satisfies(al -> assertThat(al.severity()).isEqualTo(Severity.CRITICAL));
    assertThat(open(disagreementKey(seat, "cl-a"))).get().satisfies(al -> assertThat(al.severity()).isEqualTo(Severity.CRITICAL));
    assertThat(WatchFixture.state(db, seat.id())).as("one endpoint is not agreement").isEqualTo(SeatState.ACTIVE);
  }

  @Test
  void withdrawalCredentialsThatAreNotTheVaultsAreCriticalAndBlockTheSeat() {
    WatchFixture.TestSeat seat = pendingOnTheBeaconChain();
    String other = "0x01" + "00".repeat(11) + "dead".repeat(10);
    a.validator(seat.pubkey(), Map.of("withdrawal_credentials", other));
    watcher.tick();
    assertThat(openFor(seat, AlertKind.WITHDRAWAL_CREDENTIALS_MISMATCH)).singleElement()
        .satisfies(al -> assertThat(al.message()).contains("cl-a").contains(other));
    assertThat(WatchFixture.state(db, seat.id())).as("the honest majority does not move it either").isEqualTo(SeatState.DEPOSITED);

    b.validator(seat.pubkey(), Map.of("withdrawal_credentials", other));
    watcher.tick();
    assertThat(WatchFixture.state(db, seat.id())).as("agreed: every further move is blocked").isEqualTo(SeatState.EXCEPTION);
  }

  @Test
  void syncingOrOptimisticAnswersAreNeverActedOn() {
    WatchFixture.TestSeat seat = pendingOnTheBeaconChain();
    a.syncing(true);
    b.syncing(true);
    assertThatThrownBy(() -> watcher.tick()).isInstanceOf(BeaconException.class).hasMessageContaining("1 usable");
    assertThat(WatchFixture.state(db, seat.id())).isEqualTo(SeatState.DEPOSITED);
    assertThat(open("ENDPOINT_DOWN:CL:cl-a")).get().satisfies(al -> assertThat(al.message()).contains("syncing"));
    assertThat(open("ENDPOINT_DOWN:CL:cl-b")).isPresent();
    assertThat(open("ENDPOINT_DOWN:CL:cl-c")).isEmpty();

    a.syncing(false);
    watcher.tick();
    assertThat(WatchFixture.state(db, seat.id())).as("two synced endpoints agree").isEqualTo(SeatState.SEEN_BY_CL);
  }

  @Test
  void aFinalizedCheckpointGoingBackwardsIsCriticalAndTheCursorStays() {
    pendingOnTheBeaconChain();
    watcher.tick();
    long agreed = cursors.get(ValidatorWatcher.ROLE).orElseThrow().cursor();
    assertThat(agreed).isPositive();
    a.finalizedEpoch(0);
    watcher.tick();
    assertThat(open("ENDPOINT_DISAGREEING:CL:cl-a:finalized-backwards")).get()
        .satisfies(al -> assertThat(al.severity()).isEqualTo(Severity.CRITICAL));
    assertThat(cursors.get(ValidatorWatcher.ROLE).orElseThrow().cursor()).as("never back").isGreaterThanOrEqualTo(agreed);
  }

  @Test
  void conflictingFinalityIsCriticalNamesTheMinorityAndStopsEveryMoveUntilItClears() {
    WatchFixture.TestSeat seat = pendingOnTheBeaconChain();
    a.finalizedRoot("0x" + "ee".repeat(32));
    watcher.tick();
    assertThat(open("FINALITY_CONFLICT:CL:cl-a")).get().satisfies(al -> assertThat(al.severity()).isEqualTo(Severity.CRITICAL));
    assertThat(open("FINALITY_CONFLICT:CL:cl-b")).isEmpty();
    assertThat(open("FINALITY_CONFLICT:CL:cl-c")).isEmpty();
    assertThat(WatchFixture.state(db, seat.id())).as("two honest endpoints agree, but nothing moves").isEqualTo(SeatState.DEPOSITED);

    // no majority: every endpoint is named
    b.finalizedRoot("0x" + "dd".repeat(32));
    watcher.tick();
    for (String e : List.of("cl-a", "cl-b", "cl-c")) {
      assertThat(open("FINALITY_CONFLICT:CL:" + e)).as(e).isPresent();
    }
    assertThat(WatchFixture.state(db, seat.id())).isEqualTo(SeatState.DEPOSITED);

    a.honest();
    b.honest();
    watcher.tick();
    assertThat(open("FINALITY_CONFLICT:CL:cl-a")).as("resolved once it clears").isEmpty();
    assertThat(WatchFixture.state(db, seat.id())).isEqualTo(SeatState.SEEN_BY_CL);
  }
}
