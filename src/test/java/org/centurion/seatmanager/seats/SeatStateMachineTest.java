package org.centurion.seatmanager.seats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import org.centurion.seatmanager.auth.SecurityFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The state machine against real PostgreSQL, and the writes-disabled guard on every signing route. */
class SeatStateMachineTest {
  static SeatApiFixture f;
  static final SeatStore STORE = new SeatStore();
  static final SeatTransitions T = new SeatTransitions(STORE);
  static int n;

  @BeforeAll
  static void start() {
    f = new SeatApiFixture();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  static long seat(String state) {
    n++;
    return f.insertSeat("0x" + String.format("%02x", n).repeat(48), SeatApiFixture.BENEFICIARY,
        "0x" + String.format("%02x", n).repeat(20), state);
  }

  static List<SeatStore.EvidenceRow> evidence(long id) {
    return f.fx.db.jdbi().withHandle(h -> STORE.evidence(h, id));
  }

  static Evidence ev() {
    return Evidence.offChain("test", "test");
  }

  @Test
  void theLegalPathIsExactlyTheDocumentedOne() {
    List<SeatState> path = List.of(SeatState.CREATED, SeatState.DATA_VERIFIED, SeatState.ALLOWLISTED, SeatState.DEPOSITED,
        SeatState.SEEN_BY_CL, SeatState.ACTIVE, SeatState.EXIT_REQUESTED, SeatState.EXITED, SeatState.SETTLING,
        SeatState.SETTLED);
    for (int i = 0; i + 1 < path.size(); i++) {
      assertThat(path.get(i).canMoveTo(path.get(i + 1))).as(path.get(i) + "->" + path.get(i + 1)).isTrue();
    }
    assertThat(SeatState.CREATED.canMoveTo(SeatState.ALLOWLISTED)).isFalse();
    assertThat(SeatState.DEPOSITED.canMoveTo(SeatState.REVOKED)).isFalse();
    assertThat(SeatState.ALLOWLISTED.canMoveTo(SeatState.REVOKED)).isTrue();
    assertThat(SeatState.SETTLED.canMoveTo(SeatState.EXCEPTION)).isFalse();
    assertThat(SeatState.REVOKED.canMoveTo(SeatState.EXCEPTION)).isFalse();
    assertThat(SeatState.ACTIVE.canMoveTo(SeatState.EXCEPTION)).isTrue();
    // issue 15: an EXCEPTION seat is resolved to what the evidence supports, never straight to SETTLED
    assertThat(SeatState.EXCEPTION.canMoveTo(SeatState.EXITED)).isTrue();
    assertThat(SeatState.EXCEPTION.canMoveTo(SeatState.ACTIVE)).isTrue();
    assertThat(SeatState.EXCEPTION.canMoveTo(SeatState.SETTLED)).isFalse();
    assertThat(SeatState.EXCEPTION.canMoveTo(SeatState.EXCEPTION)).isFalse();
    assertThat(SeatState.REVOKED.canMoveTo(SeatState.CREATED)).isFalse();
  }

  @Test
  void aGuardedMoveWritesStateAndEvidenceTogether() {
    long id = seat("DEPOSITED");
    f.fx.db.jdbi().useTransaction(h -> T.move(h, id, SeatState.DEPOSITED, SeatState.SEEN_BY_CL,
        Evidence.beacon("finalized", 12, 48, "0x" + "ab".repeat(32), "seen", "watcher:el")));
    List<SeatStore.EvidenceRow> rows = evidence(id);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).from()).contains(SeatState.DEPOSITED);
    assertThat(rows.get(0).evidence().epoch()).contains(12L);
    assertThat(rows.get(0).evidence().headerRoot()).contains("0x" + "ab".repeat(32));
  }

  @Test
  void aStaleMoveChangesNothingAndNamesTheCurrentState() {
    long id = seat("ACTIVE");
    assertThatThrownBy(() -> f.fx.db.jdbi().useTransaction(h ->
        T.move(h, id, SeatState.DEPOSITED, SeatState.SEEN_BY_CL, ev())))
        .isInstanceOf(InvalidStateException.class).hasMessageContaining("ACTIVE");
    boolean moved = f.fx.db.jdbi().inTransaction(h -> T.tryMove(h, id, SeatState.DEPOSITED, SeatState.SEEN_BY_CL, ev()));
    assertThat(moved).isFalse();
    assertThat(evidence(id)).isEmpty();
    assertThatThrownBy(() -> f.fx.db.jdbi().useTransaction(h -> T.move(h, id, SeatState.ACTIVE, SeatState.SETTLED, ev())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exceptionTakesAReasonFromAnyLiveStateButNotFromAnEndedOne() {
    long id = seat("ALLOWLISTED");
    f.fx.db.jdbi().useTransaction(h -> T.toException(h, id, "intent event missing", ev()));
    assertThat(f.fx.db.jdbi().withHandle(h -> STORE.find(h, id)).orElseThrow().exceptionReason())
        .contains("intent event missing");
    long settled = seat("SETTLED");
    assertThatThrownBy(() -> f.fx.db.jdbi().useTransaction(h -> T.toException(h, settled, "late", ev())))
        .isInstanceOf(InvalidStateException.class);
  }

  @Test
  void concurrentMovesFromTheSameStateLetExactlyOneWin() throws Exception {
    long id = seat("SEEN_BY_CL");
    List<Boolean> results = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    List<Thread> threads = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      threads.add(Thread.ofVirtual().start(() -> {
        boolean won = f.fx.db.jdbi().inTransaction(h -> T.tryMove(h, id, SeatState.SEEN_BY_CL, SeatState.ACTIVE, ev()));
        results.add(won);
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(results).containsOnlyOnce(true).hasSize(8);
    assertThat(evidence(id)).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(value = Route.class)
  void withWritesDisabledEverySigningRouteAnswers503AndChangesNothing(Route route) {
    long id = seat(route.state);
    long before = f.writtenRows();
    HttpResponse<String> r = f.asSteppedUpAdmin(route.path.replace("{id}", Long.toString(id)), route.body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(SecurityFixture.code(r)).isEqualTo("WRITES_DISABLED");
    assertThat(f.writtenRows()).isEqualTo(before);
    assertThat(f.fx.db.jdbi().withHandle(h -> STORE.find(h, id)).orElseThrow().state().name()).isEqualTo(route.state);
  }

  enum Route {
    WITH_VAULT("/v1/seats/with-vault", "CREATED",
        "{\"operatorId\":\"op\",\"beneficiary\":\"" + SeatApiFixture.BENEFICIARY + "\"}"),
    GENERATE("/v1/seats/generate", "CREATED", "{}"),
    APPROVE("/v1/seats/{id}/approve", "DATA_VERIFIED", ""),
    DEPOSIT("/v1/seats/{id}/deposit", "ALLOWLISTED", ""),
    SETTLE("/v1/seats/{id}/settle", "EXITED", ""),
    FORCE_EXIT("/v1/seats/{id}/force-exit", "ACTIVE", ""),
    REVOKE("/v1/seats/{id}/revoke", "CREATED", "");

    final String path;
    final String state;
    final String body;

    Route(String path, String state, String body) {
      this.path = path;
      this.state = state;
      this.body = body;
    }
  }
}
