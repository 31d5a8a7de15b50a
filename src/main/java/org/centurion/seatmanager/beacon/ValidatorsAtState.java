package org.centurion.seatmanager.beacon;

import java.util.Map;

/**
 * A batch validator query's answer, pinned to the state it came from.
 *
 * @param stateId the state asked for, e.g. {@code finalized}
 * @param finalizedEpoch the finalized epoch that state carries
 * @param slot the slot of the finalized block header
 * @param headerRoot the root of that header
 * @param byPubkey every found validator, keyed by lower-case 0x pubkey
 */
public record ValidatorsAtState(String stateId, long finalizedEpoch, long slot, String headerRoot,
    Map<String, ValidatorStatus> byPubkey) {
  public ValidatorsAtState {
    byPubkey = Map.copyOf(byPubkey);
  }
}
