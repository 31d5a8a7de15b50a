package org.centurion.seatmanager.alerts;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task at a fixed delay on its own daemon thread. A failing run is logged (by class
 * name only: exception messages may come from remote endpoints) and the next run still happens.
 */
public final class PeriodicTask implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);
  private final ScheduledExecutorService executor;

  private PeriodicTask(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  public static PeriodicTask start(String name, Duration every, Runnable task) {
    if (every.isZero() || every.isNegative()) {
      throw new IllegalArgumentException(name + ": period must be positive");
    }
    ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    ex.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        LOG.warn("periodic task {} failed: {}", name, e.getClass().getName());
        if (e instanceof Error err && !(e instanceof AssertionError)) {
          throw err;
        }
      }
    }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return new PeriodicTask(ex);
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
