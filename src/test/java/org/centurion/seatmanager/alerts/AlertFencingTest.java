package org.centurion.seatmanager.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import org.centurion.seatmanager.store.Database;
import org.centurion.seatmanager.store.LeaderTerm;
import org.centurion.seatmanager.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alerts a role raises or resolves in transactions of their own are fenced like the rest of its
 * writes: once another instance took the role over, the old leader's thread writes no alert and
 * resolves none (so a resumed, stale watcher cannot close a SLASHING alert the new leader raised).
 * Threads acting for no role (requests, the CLI) are not fenced.
 */
class AlertFencingTest {
  private static final String ROLE = "deposit-watcher";
  private static Database db;
  private static AlertService alerts;

  @BeforeAll
  static void start() {
    db = Database.open(TestDatabases.freshMigrated(), "alert-fencing-test", 3);
    alerts = new AlertService(db.jdbi(), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  private static void leadership(long epoch) {
    db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO role_leadership (role, epoch, holder, backend_pid, acquired_at)"
            + " VALUES (:role, :epoch, 'test', 0, now()) ON CONFLICT (role) DO UPDATE SET epoch = EXCLUDED.epoch")
        .bind("role", ROLE).bind("epoch", epoch).execute());
  }

  private static long open(String key) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM alerts WHERE dedupe_key LIKE :k AND resolved_at IS NULL")
        .bind("k", "%" + key + "%").mapTo(Long.class).one());
  }

  @Test
  void aStaleLeaderRaisesAndResolvesNothing() {
    leadership(1);
    AlertSignal slashing = AlertSignal.forSeat(AlertKind.SLASHING, Severity.CRITICAL, 42, "fencing", "slashed");
    try (LeaderTerm.Scope s = LeaderTerm.enter(new LeaderTerm(ROLE, 1))) {
      alerts.raise(ROLE, slashing);
    }
    assertThat(open("fencing")).isEqualTo(1);
    leadership(2); // another instance took the role over
    AlertSignal other = AlertSignal.global(AlertKind.REORG, Severity.WARNING, "fencing-stale", "stale");
    try (LeaderTerm.Scope s = LeaderTerm.enter(new LeaderTerm(ROLE, 1))) {
      assertThatThrownBy(() -> alerts.raise(ROLE, other)).isInstanceOf(LeaderTerm.FencedOut.class);
      assertThatThrownBy(() -> alerts.resolve(ROLE, slashing.dedupeKey())).isInstanceOf(LeaderTerm.FencedOut.class);
      assertThatThrownBy(() -> alerts.reconcile(ROLE, List.of())).isInstanceOf(LeaderTerm.FencedOut.class);
    }
    assertThat(open("fencing-stale")).as("nothing raised by the stale leader").isZero();
    assertThat(open("fencing")).as("the SLASHING alert stays open").isEqualTo(1);
    try (LeaderTerm.Scope s = LeaderTerm.enter(new LeaderTerm(ROLE, 2))) {
      assertThat(alerts.resolve(ROLE, slashing.dedupeKey())).as("the current leader may").isTrue();
    }
    assertThat(alerts.raise(ROLE, other).kind()).as("a thread acting for no role is not fenced").isEqualTo(AlertKind.REORG);
  }
}
