package org.centurion.seatmanager.ops;

import java.util.Objects;
import org.centurion.seatmanager.store.RoleLock;

/**
 * The executor's role lock, asked again before every irreversible step: an instance that lost it
 * (its database session ended) must stop at once, since another instance may be acting already.
 */
final class ExecutorLock {
  private final RoleLock lock;

  ExecutorLock(RoleLock lock) {
    this.lock = Objects.requireNonNull(lock, "lock");
  }

  boolean tryAcquire() {
    return lock.tryAcquire();
  }

  /** @throws LostException when this instance no longer holds the lock */
  void require() {
    if (!lock.isHeld()) {
      throw new LostException("the '" + lock.role() + "' role lock was lost; another instance may act now");
    }
  }

  /** Ends the tick: nothing more may be signed, sent or recorded by this instance. */
  static final class LostException extends RuntimeException {
    LostException(String message) {
      super(message);
    }
  }
}
