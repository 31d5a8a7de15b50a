package org.centurion.seatmanager.ops;

import java.util.Objects;
import org.centurion.seatmanager.store.LeaderTerm;
import org.centurion.seatmanager.store.RoleLock;
import org.jdbi.v3.core.Jdbi;

/**
 * The executor's role lock, asked again before every irreversible step: an instance that lost it
 * (its database session ended) must stop at once, since another instance may be acting already.
 */
final class ExecutorLock {
  private final RoleLock lock;
  private final Jdbi jdbi;

  ExecutorLock(RoleLock lock, Jdbi jdbi) {
    this.lock = Objects.requireNonNull(lock, "lock");
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
  }

  boolean tryAcquire() {
    return lock.tryAcquire();
  }

  /** The leadership just acquired (its fencing epoch). */
  LeaderTerm term() {
    return lock.term().orElseThrow(() -> new LostException("the '" + lock.role() + "' role lock was lost"));
  }

  /** @throws LostException when this instance no longer holds the lock */
  void require() {
    if (!lock.isHeld()) {
      throw new LostException("the '" + lock.role() + "' role lock was lost; another instance may act now");
    }
    // the fencing epoch as the database has it, before a signature or a broadcast leaves this process
    try {
      jdbi.useHandle(LeaderTerm::requireCurrent);
    } catch (LeaderTerm.FencedOut e) {
      throw new LostException(e.getMessage());
    }
  }

  /** Ends the tick: nothing more may be signed, sent or recorded by this instance. */
  static final class LostException extends RuntimeException {
    LostException(String message) {
      super(message);
    }
  }
}
