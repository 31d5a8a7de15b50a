package org.centurion.seatmanager.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.auth.TestClock;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.Migrations;
import org.centurion.seatmanager.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alerts on a real, migrated PostgreSQL: upsert, resolve-when-cleared, recurrence, filters. */
class AlertServiceTest {
  private static Database db;
  private static final TestClock CLOCK = new TestClock(Instant.parse("2026-05-01T00:00:00Z"));
  private static AlertService alerts;

  @BeforeAll
  static void open() {
    db = Database.open(TestDatabases.fresh(), "alerts-test", 4);
    new Migrations(db.dataSource()).migrate();
    alerts = new AlertService(db.jdbi(), CLOCK);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void raisingTwiceBumpsOneRowAndResolvingClosesIt() {
    AlertSignal s = AlertSignal.forSeat(AlertKind.SLASHING, Severity.CRITICAL, 7, "", "validator 3 slashed");
    Alert first = alerts.raise("cl-test", s);
    CLOCK.advance(Duration.ofMinutes(5));
    Alert second = alerts.raise("cl-test", s);
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.count()).isEqualTo(2);
    assertThat(second.firstSeen()).isEqualTo(first.firstSeen());
    assertThat(second.lastSeen()).isEqualTo(first.firstSeen().plus(Duration.ofMinutes(5)));
    assertThat(second.seatId()).contains(7L);

    assertThat(alerts.resolve("other-source", s.dedupeKey())).as("a source resolves only its own").isFalse();
    assertThat(alerts.resolve("cl-test", s.dedupeKey())).isTrue();
    assertThat(alerts.openAlert(s.dedupeKey())).isEmpty();
    assertThat(alerts.resolve("cl-test", s.dedupeKey())).isFalse();

    // a recurrence is a new occurrence: a new row, the old one stays resolved
    Alert again = alerts.raise("cl-test", s);
    assertThat(again.id()).isNotEqualTo(first.id());
    assertThat(again.count()).isEqualTo(1);
  }

  @Test
  void reconcileRaisesWhatIsSeenAndResolvesOnlyItsOwnSourcesRest() {
    AlertSignal a = AlertSignal.global(AlertKind.ENDPOINT_DOWN, Severity.WARNING, "rec-el-a", "el-a down");
    AlertSignal b = AlertSignal.global(AlertKind.ENDPOINT_DOWN, Severity.WARNING, "rec-el-b", "el-b down");
    AlertSignal foreign = AlertSignal.global(AlertKind.REORG, Severity.WARNING, "rec-foreign", "reorg");
    alerts.raise("el-foreign", foreign);
    assertThat(alerts.reconcile("rec", List.of(a, b))).isEmpty();
    assertThat(alerts.reconcile("rec", List.of(a))).containsExactly(b.dedupeKey());
    assertThat(alerts.openAlert(a.dedupeKey()).orElseThrow().count()).isEqualTo(2);
    assertThat(alerts.openAlert(b.dedupeKey())).isEmpty();
    assertThat(alerts.openAlert(foreign.dedupeKey())).isPresent();
    assertThat(alerts.reconcile("rec", List.of())).containsExactly(a.dedupeKey());
    assertThat(alerts.openAlert(foreign.dedupeKey())).as("another source's alert is untouched").isPresent();
  }

  @Test
  void listFiltersByKindSeverityOpenAndSeatAndPagesByCursor() {
    for (int i = 0; i < 5; i++) {
      alerts.raise("list", AlertSignal.forSeat(AlertKind.EXIT_IGNORED, Severity.WARNING, 900 + i, "", "exit ignored"));
    }
    alerts.raise("list", AlertSignal.global(AlertKind.TREASURY_BALANCE_LOW, Severity.CRITICAL, "list", "low"));
    alerts.resolve("list", "EXIT_IGNORED:seat:904");

    List<Alert> exits = alerts.list(new AlertQuery(Optional.of(AlertKind.EXIT_IGNORED), Optional.empty(),
        Optional.empty(), Optional.of(true), Optional.empty(), 2));
    assertThat(exits).hasSize(2).extracting(Alert::dedupeKey)
        .containsExactly("EXIT_IGNORED:seat:903", "EXIT_IGNORED:seat:902");
    List<Alert> next = alerts.list(new AlertQuery(Optional.of(AlertKind.EXIT_IGNORED), Optional.empty(),
        Optional.empty(), Optional.of(true), Optional.of(exits.get(1).id()), 500));
    assertThat(next).extracting(Alert::dedupeKey).containsExactly("EXIT_IGNORED:seat:901", "EXIT_IGNORED:seat:900");
    assertThat(alerts.list(new AlertQuery(Optional.of(AlertKind.EXIT_IGNORED), Optional.empty(), Optional.empty(),
        Optional.of(false), Optional.empty(), 10))).extracting(Alert::dedupeKey).containsExactly("EXIT_IGNORED:seat:904");
    assertThat(alerts.list(new AlertQuery(Optional.empty(), Optional.of(Severity.CRITICAL), Optional.empty(),
        Optional.empty(), Optional.empty(), 500))).extracting(Alert::kind).contains(AlertKind.TREASURY_BALANCE_LOW)
        .doesNotContain(AlertKind.EXIT_IGNORED);
    assertThat(alerts.list(new AlertQuery(Optional.empty(), Optional.empty(), Optional.of(902L), Optional.empty(),
        Optional.empty(), 500))).extracting(Alert::dedupeKey).containsExactly("EXIT_IGNORED:seat:902");
    assertThat(alerts.openCounts()).containsEntry("EXIT_IGNORED/WARNING", 4L);
  }

  @Test
  void badInputIsRefused() {
    assertThatThrownBy(() -> alerts.raise("Bad Source", AlertSignal.global(AlertKind.REORG, Severity.INFO, "", "x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AlertSignal.global(AlertKind.REORG, Severity.INFO, "x".repeat(300), "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AlertQuery.openAlerts(501)).isInstanceOf(IllegalArgumentException.class);
  }
}
