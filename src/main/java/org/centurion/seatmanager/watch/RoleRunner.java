package org.centurion.seatmanager.watch;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.centurion.seatmanager.store.LeaderTerm;
import org.centurion.seatmanager.store.RoleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one watcher role's rounds at its cadence, but only while this process holds the role's
 * PostgreSQL advisory lock; otherwise it keeps trying to take it, so it takes over when the holder
 * dies. A failed round is recorded on the role's cursor (by message of our own exceptions, class
 * name otherwise) and retried at the next tick.
 */
public final class RoleRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RoleRunner.class);
  /** A standby asks for the lock this often, whatever the role's cadence, so a takeover is quick. */
  static final Duration STANDBY_POLL = Duration.ofSeconds(2);

  private final RoleLock lock;
  private final Duration cadence;
  private final Runnable round;
  private final WatcherCursors cursors;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;

  public RoleRunner(RoleLock lock, Duration cadence, Runnable round, WatcherCursors cursors) {
    if (cadence.isZero() || cadence.isNegative()) {
      throw new IllegalArgumentException("cadence must be positive");
    }
    this.lock = lock;
    this.cadence = cadence;
    this.round = round;
    this.cursors = cursors;
    this.thread = Thread.ofPlatform().daemon().name("role-" + lock.role()).unstarted(this::loop);
  }

  public RoleRunner start() {
    thread.start();
    return this;
  }

  public String role() {
    return lock.role();
  }

  public boolean leading() {
    return lock.isHeld();
  }

  private void loop() {
    boolean leading;
    do {
      leading = lock.tryAcquire();
      java.util.Optional<LeaderTerm> term = leading ? lock.term() : java.util.Optional.empty();
      if (term.isPresent()) {
        // every write of the round, and the failure record, is fenced by this leadership's epoch
        try (LeaderTerm.Scope acting = LeaderTerm.enter(term.get())) {
          runRound();
        }
      }
    } while (!awaitStop(leading ? cadence : shorter(cadence, STANDBY_POLL)));
    lock.close();
  }

  private void runRound() {
    try {
      round.run();
    } catch (RuntimeException e) {
      String why = e.getClass().getName().startsWith("org.centurion.") ? e.getMessage() : e.getClass().getSimpleName();
      LOG.warn("role {} round failed: {}", lock.role(), why);
      try {
        cursors.failed(lock.role(), why == null ? e.getClass().getSimpleName() : why);
      } catch (RuntimeException dbDown) {
        LOG.warn("role {}: cannot record the failure: {}", lock.role(), dbDown.getClass().getSimpleName());
      }
    }
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private boolean awaitStop(Duration wait) {
    try {
      return stop.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  @Override
  public void close() {
    stop.countDown();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
