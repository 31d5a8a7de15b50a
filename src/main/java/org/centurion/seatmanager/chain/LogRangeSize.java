package org.centurion.seatmanager.chain;

/**
 * How many blocks one eth_getLogs to one endpoint asks for. Starts at the configured maximum
 * ({@code SEAT_MANAGER_MAX_LOG_RANGE_BLOCKS}); an endpoint that refuses a range for its size halves
 * it, and the size that worked is kept, so a provider's 1,000-block cap costs one refused request,
 * not one per round. A result-count cap depends on how dense the blocks are, so after a run of
 * successes the size doubles again, never past the maximum.
 */
public final class LogRangeSize {
  /** Successful requests at one size before trying twice as many blocks again. */
  static final int GROW_AFTER = 32;

  private final long max;
  private long size;
  private int successes;
  private boolean proven;

  public LogRangeSize(long max) {
    if (max < 1) {
      throw new IllegalArgumentException("the log range is at least one block");
    }
    this.max = max;
    this.size = max;
  }

  public synchronized long blocks() {
    return size;
  }

  public long max() {
    return max;
  }

  /**
   * A request of {@code blocks} blocks was refused as too large: ask at most half of it from now on.
   * A refusal of more than the current size (a request sent before a parallel one taught us) teaches
   * nothing new.
   */
  public synchronized void refused(long blocks) {
    if (blocks <= size) {
      size = Math.max(1, blocks / 2);
      proven = false;
    }
    successes = 0;
  }

  /** Whether a request of the full current size has worked since the size last changed. */
  public synchronized boolean proven() {
    return proven;
  }

  public synchronized void succeeded(long blocks) {
    if (blocks < size) {
      return;
    }
    proven = true;
    if (++successes >= GROW_AFTER && size < max) {
      size = Math.min(max, size * 2);
      successes = 0;
      proven = false;
    }
  }
}
