package org.centurion.seatmanager.signing;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accepts each request nonce once while its timestamp is inside the freshness window; older
 * requests are refused by their timestamp, so a nonce only has to be remembered for the window.
 */
public final class ReplayGuard {
  private final Clock clock;
  private final Duration window;
  private final int capacity;
  private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

  public ReplayGuard(Clock clock, Duration window, int capacity) {
    this.clock = clock;
    this.window = window;
    this.capacity = capacity;
  }

  /** Checks freshness and records the nonce; throws on a stale, future or repeated request. */
  public synchronized void accept(long timestampMillis, String nonce) {
    long now = clock.millis();
    if (Math.abs(now - timestampMillis) > window.toMillis()) {
      throw new SigningException(
          SigningErrorCode.REPLAYED_REQUEST, "request timestamp is outside the " + window.toSeconds() + " s window");
    }
    purge(now);
    if (seen.containsKey(nonce)) {
      throw new SigningException(SigningErrorCode.REPLAYED_REQUEST, "request nonce was already used");
    }
    if (seen.size() >= capacity) {
      // Fail closed: forgetting a live nonce would let its request be replayed.
      throw new SigningException(SigningErrorCode.REPLAYED_REQUEST, "too many requests in the freshness window");
    }
    seen.put(nonce, timestampMillis + 2 * window.toMillis());
  }

  private void purge(long now) {
    for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue() < now) {
        it.remove();
      }
    }
  }
}
