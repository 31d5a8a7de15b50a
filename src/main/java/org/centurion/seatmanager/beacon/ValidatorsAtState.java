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
 * @param optimistic the endpoint marked an answer {@code execution_optimistic}, or says it is syncing
 *     or optimistic ({@code node/syncing}): nothing may be acted on from it
 * @param finalized the answer's {@code finalized} flag (true when the endpoint does not send one for
 *     the finalized state)
 */
public record ValidatorsAtState(String stateId, long finalizedEpoch, long slot, String headerRoot,
    Map<String, ValidatorStatus> byPubkey, boolean optimistic, boolean finalized) {
  public ValidatorsAtState {
    byPubkey = Map.copyOf(byPubkey);
  }

  /** An answer that may be acted on: from a synced, non-optimistic node, about a finalized state. */
  public boolean trustworthy() {
    return !optimistic && finalized;
  }
}
