package org.centurion.seatmanager.ops;

import java.time.Instant;
import java.util.Optional;

/**
 * An operation as stored, with the evidence of its outcome once the chain has judged it.
 *
 * @param reorgs how often a reorg took its transaction out of the canonical chain after it was recorded
 * @param lastReorg what the newest such reorg removed (block, hash), kept after the operation settles again
 */
public record Operation(
    long id,
    Optional<Long> seatId,
    OperationKind kind,
    OperationStatus status,
    RouterCall call,
    Instant notBefore,
    int attempts,
    Optional<String> lastError,
    String requestedBy,
    Optional<String> txHash,
    Optional<Long> blockNumber,
    Optional<String> blockHash,
    Instant createdAt,
    Instant updatedAt,
    int reorgs,
    Optional<String> lastReorg) {}
