package org.centurion.seatmanager.devnet.beacon;

/**
 * How one simulated beacon endpoint relates to the true simulated chain, switchable at runtime so
 * tests can make a cross-check fail.
 */
public sealed interface EndpointBehaviour {
  /** Serves the head as it is. */
  record Honest() implements EndpointBehaviour {}

  /** Serves the chain as it was {@code epochs} epochs ago, while claiming to be synced. */
  record Lagging(long epochs) implements EndpointBehaviour {
    public Lagging {
      if (epochs < 1) {
        throw new IllegalArgumentException("a lag is at least one epoch");
      }
    }
  }

  /**
   * Claims every pending validator is already active (activation epoch = now) and reports header
   * roots no honest node has.
   */
  record Lying() implements EndpointBehaviour {}

  /**
   * Reports every active validator's {@code activation_epoch} as 0 (as if it had been active since
   * genesis), everything else as it is: the lie that would get a force-exit sent before
   * {@code SHARD_COMMITTEE_PERIOD}.
   */
  record EarlyActivation() implements EndpointBehaviour {}

  static EndpointBehaviour honest() {
    return new Honest();
  }
}
