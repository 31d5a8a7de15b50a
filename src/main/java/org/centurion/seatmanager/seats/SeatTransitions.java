package org.centurion.seatmanager.seats;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The seat state machine: every move is one guarded UPDATE (it changes the row only if the seat is
 * still where the caller saw it) plus its evidence row, in the caller's transaction. Route handlers,
 * operation outcomes and the watchers all move seats through here.
 */
public final class SeatTransitions {
  private final SeatStore store;

  public SeatTransitions(SeatStore store) {
    this.store = store;
  }

  /**
   * Moves the seat from {@code from} to {@code to} with its evidence.
   *
   * @throws InvalidStateException when the move is illegal or the seat is no longer in {@code from}
   */
  public void move(Handle tx, long seatId, SeatState from, SeatState to, Evidence evidence) {
    if (!tryMove(tx, seatId, from, to, evidence)) {
      SeatState now = current(tx, seatId);
      throw new InvalidStateException(seatId, now, "cannot move from " + from + " to " + to);
    }
  }

  /**
   * The watchers' form of {@link #move}: false (and nothing written) when the seat is not in
   * {@code from}, e.g. because another watcher instance moved it first.
   */
  public boolean tryMove(Handle tx, long seatId, SeatState from, SeatState to, Evidence evidence) {
    if (!from.canMoveTo(to) || to == SeatState.EXCEPTION) {
      throw new IllegalArgumentException(from + " -> " + to + " is not a transition (EXCEPTION takes a reason)");
    }
    // leaving EXCEPTION (issue 15) clears its reason; the evidence rows keep it for good
    int n = tx.createUpdate("UPDATE seats SET state = :to, exception_reason = NULL, updated_at = now()"
            + " WHERE id = :id AND state = :from")
        .bind("id", seatId).bind("from", from.name()).bind("to", to.name()).execute();
    if (n == 0) {
      return false;
    }
    store.insertEvidence(tx, seatId, Optional.of(from), to, evidence);
    return true;
  }

  /** Moves the seat, from wherever it is (but not from a terminal state), to EXCEPTION with a reason. */
  public SeatState toException(Handle tx, long seatId, String reason, Evidence evidence) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("an exception needs a reason");
    }
    SeatState from = current(tx, seatId);
    if (!from.canMoveTo(SeatState.EXCEPTION)) {
      throw new InvalidStateException(seatId, from, "cannot move to EXCEPTION");
    }
    int n = tx.createUpdate("UPDATE seats SET state = 'EXCEPTION', exception_reason = :r, updated_at = now() "
            + "WHERE id = :id AND state = :from")
        .bind("id", seatId).bind("from", from.name()).bind("r", reason).execute();
    if (n == 0) {
      throw new InvalidStateException(seatId, current(tx, seatId), "moved while being marked EXCEPTION");
    }
    store.insertEvidence(tx, seatId, Optional.of(from), SeatState.EXCEPTION, evidence);
    return from;
  }

  /**
   * A reorg removed the block whose DepositEvent moved the seat to DEPOSITED: back to ALLOWLISTED
   * (the intent is consumed only by a canonical deposit), with the reorg as evidence. False when
   * the seat is no longer DEPOSITED. Used by the EL deposit watcher only.
   */
  public boolean rewindDeposit(Handle tx, long seatId, Evidence evidence) {
    int n = tx.createUpdate("UPDATE seats SET state = 'ALLOWLISTED', updated_at = now() WHERE id = :id AND state = 'DEPOSITED'")
        .bind("id", seatId).execute();
    if (n == 0) {
      return false;
    }
    store.insertEvidence(tx, seatId, Optional.of(SeatState.DEPOSITED), SeatState.ALLOWLISTED, evidence);
    return true;
  }

  /** The evidence of the seat's birth (no previous state). */
  void created(Handle tx, long seatId, Evidence evidence) {
    store.insertEvidence(tx, seatId, Optional.empty(), SeatState.CREATED, evidence);
  }

  public SeatState current(Handle tx, long seatId) {
    return tx.createQuery("SELECT state FROM seats WHERE id = :id").bind("id", seatId).mapTo(String.class)
        .findOne().map(SeatState::valueOf)
        .orElseThrow(() -> new IllegalArgumentException("no seat " + seatId));
  }
}
