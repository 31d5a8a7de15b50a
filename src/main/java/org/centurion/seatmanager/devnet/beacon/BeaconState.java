package org.centurion.seatmanager.devnet.beacon;

import java.util.List;

/** An immutable view of the simulated chain at one slot. */
public record BeaconState(long slot, long epoch, long finalizedEpoch, long justifiedEpoch, List<ValidatorView> validators) {
  public BeaconState {
    validators = List.copyOf(validators);
  }
}
