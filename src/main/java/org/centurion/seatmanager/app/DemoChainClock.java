package org.centurion.seatmanager.app;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The devnet's time for the demo's watchers and executor: wall time plus however far the chain's
 * clock has been moved ahead (the walkthrough fast-forwards past the vault's settlement delay, and
 * the executor must see that delay as passed, as it would on a real chain after the wait).
 */
public final class DemoChainClock extends Clock {
  private volatile long aheadMillis;

  /** Records the latest block's timestamp; the clock never goes back. */
  public void observe(long latestBlockTimestampSeconds) {
    long ahead = latestBlockTimestampSeconds * 1000 - System.currentTimeMillis();
    if (ahead > aheadMillis) {
      aheadMillis = ahead;
    }
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(System.currentTimeMillis() + aheadMillis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
