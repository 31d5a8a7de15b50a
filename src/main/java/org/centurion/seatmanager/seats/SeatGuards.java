package org.centurion.seatmanager.seats;

import java.util.Optional;
import org.centurion.seatmanager.alerts.AlertKind;
import org.centurion.seatmanager.alerts.MoveHolds;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.ops.OperationService;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The preconditions seat commands share: the seat exists, is where the command needs it, is idle. */
final class SeatGuards {
  private final Jdbi jdbi;
  private final SeatStore store;
  private final Optional<SeatChain> chain;
  private final Optional<BeaconReads> beacon;
  private final MoveHolds holds;

  SeatGuards(Jdbi jdbi, SeatStore store, Optional<SeatChain> chain, Optional<BeaconReads> beacon, MoveHolds holds) {
    this.jdbi = jdbi;
    this.store = store;
    this.chain = chain;
    this.beacon = beacon;
    this.holds = holds;
  }

  Seat seat(long id) {
    return jdbi.withHandle(h -> store.find(h, id)).orElseThrow(() -> Problem.notFound("no such seat"));
  }

  /** The seat, locked, re-checked inside the command's transaction. */
  Seat lockedIn(Handle tx, long id, SeatState... allowed) {
    Seat s = store.lock(tx, id).orElseThrow(() -> Problem.notFound("no such seat"));
    requireState(s, allowed);
    requireIdle(tx, id);
    return s;
  }

  static void requireState(Seat s, SeatState... allowed) {
    for (SeatState a : allowed) {
      if (s.state() == a) {
        return;
      }
    }
    throw SeatCommandRunner.invalidState(new InvalidStateException(s.id(), s.state(),
        "this command needs " + java.util.Arrays.toString(allowed)));
  }

  /** One operation at a time per seat: a second one could race the first on chain. */
  void requireIdle(Handle h, long seatId) {
    boolean busy = h.createQuery("SELECT EXISTS (SELECT 1 FROM operations WHERE seat_id = :s "
            + "AND status IN ('QUEUED', 'IN_FLIGHT'))")
        .bind("s", seatId).mapTo(Boolean.class).one();
    if (busy) {
      throw Problem.conflict(ErrorCodes.OPERATION_PENDING, "seat " + seatId + " has an operation that the chain has not judged yet");
    }
  }

  /** Every move of the treasury waits while an open FINALITY_CONFLICT holds it ({@link MoveHolds}). */
  void requireNoHold() {
    holds.onEveryMove().ifPresent(SeatGuards::refuse);
  }

  /** A move of one seat also waits while the seat's withdrawal credentials are not its vault's. */
  void requireNoHold(long seatId) {
    holds.onSeat(seatId).ifPresent(SeatGuards::refuse);
  }

  private static void refuse(MoveHolds.Hold hold) {
    if (hold.kind() == AlertKind.FINALITY_CONFLICT) {
      throw Problem.unavailable(ErrorCodes.FINALITY_CONFLICT, hold.reason() + "; nothing was changed");
    }
    throw Problem.conflict(ErrorCodes.WITHDRAWAL_CREDENTIALS_MISMATCH, hold.reason() + "; nothing was changed");
  }

  void requireIdle(long seatId) {
    jdbi.useHandle(h -> requireIdle(h, seatId));
  }

  SeatChain chain() {
    return chain.orElseThrow(() -> Problem.unavailable(ErrorCodes.CHAIN_NOT_CONFIGURED,
        "the chain section (RPC endpoints and contract addresses) is not configured"));
  }

  BeaconReads beacon() {
    return beacon.orElseThrow(() -> Problem.unavailable(ErrorCodes.BEACON_NOT_CONFIGURED,
        "no beacon endpoints are configured (SEAT_MANAGER_CL_API_URLS)"));
  }

  static String actor(org.centurion.seatmanager.auth.Caller c) {
    return c.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + c.name();
  }

}
