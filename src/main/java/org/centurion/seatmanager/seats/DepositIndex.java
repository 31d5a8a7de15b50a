package org.centurion.seatmanager.seats;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The deposit watcher's index of the deposit contract's history: every DepositEvent it saw at the
 * confirmation depth ({@code deposit_observations}, cross-checked against a second endpoint when it
 * was recorded) and how far it got (its cursor in {@code watcher_cursors}). The front-running check
 * reads the indexed history here and scans only the blocks after the cursor itself.
 */
final class DepositIndex {
  /** The deposit watcher's role name ({@code watch.DepositWatcher.ROLE}; seats may not depend on watch). */
  static final String WATCHER_ROLE = "el-deposits";

  private final Jdbi jdbi;

  DepositIndex(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The last block the watcher has indexed, when it has run. */
  Optional<Long> confirmedCursor() {
    return jdbi.withHandle(h -> h.createQuery("SELECT cursor_position FROM watcher_cursors WHERE role = :r")
        .bind("r", WATCHER_ROLE).mapTo(Long.class).findOne());
  }

  /** Transactions of indexed DepositEvents for this pubkey that no reorg removed. */
  List<String> depositTransactions(String pubkey) {
    return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT tx_hash FROM deposit_observations WHERE pubkey = :pk"
            + " AND reorged_at IS NULL ORDER BY tx_hash")
        .bind("pk", pubkey.toLowerCase(Locale.ROOT)).mapTo(String.class).list());
  }
}
