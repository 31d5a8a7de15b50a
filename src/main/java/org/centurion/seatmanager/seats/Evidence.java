package org.centurion.seatmanager.seats;

import java.util.Optional;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Why a seat moved: a confirmed transaction and its event, or a finalized beacon state, or (for
 * checks that happen off chain, such as deposit-data verification) a detail and the actor.
 */
public record Evidence(
    Optional<String> txHash,
    Optional<Long> blockNumber,
    Optional<String> blockHash,
    Optional<String> event,
    Optional<String> beaconStateId,
    Optional<Long> epoch,
    Optional<Long> slot,
    Optional<String> headerRoot,
    Optional<String> detail,
    String actor) {

  public static Evidence offChain(String detail, String actor) {
    return new Evidence(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(detail), actor);
  }

  public static Evidence receipt(TransactionReceipt r, String event, String detail, String actor) {
    return new Evidence(Optional.of(r.getTransactionHash()), Optional.of(r.getBlockNumber().longValueExact()),
        Optional.of(r.getBlockHash()), Optional.of(event), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.ofNullable(detail), actor);
  }

  /** A consensus-layer observation (what the watchers record for SEEN_BY_CL, ACTIVE, EXITED). */
  public static Evidence beacon(String stateId, long epoch, long slot, String headerRoot, String detail, String actor) {
    return new Evidence(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(stateId),
        Optional.of(epoch), Optional.of(slot), Optional.of(headerRoot), Optional.ofNullable(detail), actor);
  }

  /** An execution-layer log seen by a watcher at confirmed depth (DEPOSITED from a DepositEvent). */
  public static Evidence log(String txHash, long blockNumber, String blockHash, String event, String detail,
      String actor) {
    return new Evidence(Optional.of(txHash), Optional.of(blockNumber), Optional.of(blockHash), Optional.of(event),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.ofNullable(detail), actor);
  }
}
