package org.centurion.seatmanager.ops;

import java.math.BigInteger;
import java.util.Optional;

/**
 * One transaction at one (chain, sender, nonce), as stored. The envelope (router as {@code to},
 * value, calldata, gas) is fixed when the row commits; replacements are further {@link TxAttempt}s.
 */
public record TxIntent(
    long id,
    long operationId,
    long chainId,
    String sender,
    long nonce,
    String to,
    BigInteger valueWei,
    String calldata,
    BigInteger gasLimit,
    Status status,
    Optional<String> minedTxHash,
    Optional<Long> minedBlock,
    Optional<String> minedBlockHash,
    Optional<String> lastError) {

  public enum Status {
    /** Row committed, nothing signed: nothing can have left the process. */
    PREPARED,
    /** At least one attempt signed and committed; the newest is not known to have reached a node. */
    SIGNED,
    /** A node accepted the newest attempt. */
    SENT,
    /** One of the attempts is in a block, not yet at the confirmation depth. */
    MINED,
    CONFIRMED,
    REVERTED,
    /** The nonce was consumed by a transaction that is none of ours. */
    DROPPED;

    public boolean isLive() {
      return this == PREPARED || this == SIGNED || this == SENT || this == MINED;
    }
  }
}
