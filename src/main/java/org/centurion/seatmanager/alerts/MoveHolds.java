package org.centurion.seatmanager.alerts;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The open alerts that stop the treasury from moving, asked in one place by every seat command
 * before it queues anything and by the executor immediately before it signs. An open
 * FINALITY_CONFLICT (beacon endpoints report different roots for one finalized epoch) holds every
 * move of every seat and every signature until the CL watcher sees it clear; an open
 * WITHDRAWAL_CREDENTIALS_MISMATCH for a seat (its validator pays someone other than its vault on
 * some endpoint) holds every move of that seat while it
 * is open.
 */
public final class MoveHolds {
  /** Why nothing may move now, named by the alert kind that holds it. */
  public record Hold(AlertKind kind, String reason) {}

  private final Jdbi jdbi;

  public MoveHolds(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The hold on every move of the treasury, seat or not. */
  public Optional<Hold> onEveryMove() {
    long open = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM alerts WHERE kind = :k AND resolved_at IS NULL")
        .bind("k", AlertKind.FINALITY_CONFLICT.name()).mapTo(Long.class).one());
    return open == 0 ? Optional.empty() : Optional.of(new Hold(AlertKind.FINALITY_CONFLICT,
        "beacon endpoints report conflicting finalized checkpoints (FINALITY_CONFLICT alert): nothing moves until it clears"));
  }

  /** The hold on a move of one seat: the treasury-wide one first, then the seat's own. */
  public Optional<Hold> onSeat(long seatId) {
    Optional<Hold> everything = onEveryMove();
    if (everything.isPresent()) {
      return everything;
    }
    long open = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM alerts WHERE kind = :k AND seat_id = :s "
            + "AND resolved_at IS NULL")
        .bind("k", AlertKind.WITHDRAWAL_CREDENTIALS_MISMATCH.name()).bind("s", seatId).mapTo(Long.class).one());
    return open == 0 ? Optional.empty() : Optional.of(new Hold(AlertKind.WITHDRAWAL_CREDENTIALS_MISMATCH,
        "the validator of seat " + seatId + " has withdrawal credentials other than its vault's on the beacon chain "
            + "(WITHDRAWAL_CREDENTIALS_MISMATCH alert): the seat does not move while it is open"));
  }
}
