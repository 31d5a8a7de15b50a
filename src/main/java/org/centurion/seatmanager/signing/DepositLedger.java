package org.centurion.seatmanager.signing;

import java.time.Duration;
import java.time.Instant;

/**
 * The velocity limit's memory: which pubkeys the key signed a deposit for, and when. Kept by
 * whoever holds the key, durably, so that a restart does not reset the limit.
 */
public interface DepositLedger {
  Duration WINDOW = Duration.ofHours(24);

  /**
   * Records a deposit signature for {@code pubkeyHex} at {@code now}, unless {@code maxPerWindow}
   * other pubkeys were already signed in the 24 hours before {@code now}. A pubkey already on
   * record in the window does not count again (a fee replacement of the same deposit): the deposit
   * contract accepts one deposit per pubkey, ever.
   *
   * @return false when the limit refuses; nothing is recorded then
   */
  boolean reserve(String pubkeyHex, Instant now, int maxPerWindow);
}
