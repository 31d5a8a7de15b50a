package org.centurion.seatmanager.seats;

import java.util.Optional;
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

  SeatGuards(Jdbi jdbi, SeatStore store, Optional<SeatChain> chain, Optional<BeaconReads> beacon) {
    this.jdbi = jdbi;
    this.store = store;
    this.chain = chain;
    this.beacon = beacon;
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
      throw Problem.conflict("OPERATION_PENDING", "seat " + seatId + " has an operation that the chain has not judged yet");
    }
  }

  /**
   * Beacon endpoints reporting different roots for one finalized epoch (an open FINALITY_CONFLICT,
   * raised by the CL watcher): no move that relies on the beacon chain until it clears.
   */
  void requireNoFinalityConflict() {
    long open = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM alerts WHERE kind = :k AND resolved_at IS NULL")
        .bind("k", org.centurion.seatmanager.alerts.AlertKind.FINALITY_CONFLICT.name()).mapTo(Long.class).one());
    if (open > 0) {
      throw Problem.unavailable(FINALITY_CONFLICT, "beacon endpoints report conflicting finalized checkpoints"
          + " (FINALITY_CONFLICT alert): no seat moves until it clears; nothing was changed");
    }
  }

  static final String FINALITY_CONFLICT = "FINALITY_CONFLICT";

  void requireIdle(long seatId) {
    jdbi.useHandle(h -> requireIdle(h, seatId));
  }

  SeatChain chain() {
    return chain.orElseThrow(() -> Problem.unavailable("CHAIN_NOT_CONFIGURED",
        "the chain section (RPC endpoints and contract addresses) is not configured"));
  }

  BeaconReads beacon() {
    return beacon.orElseThrow(() -> Problem.unavailable("BEACON_NOT_CONFIGURED",
        "no beacon endpoints are configured (SEAT_MANAGER_CL_API_URLS)"));
  }

  static String actor(org.centurion.seatmanager.auth.Caller c) {
    return c.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + c.name();
  }

}
