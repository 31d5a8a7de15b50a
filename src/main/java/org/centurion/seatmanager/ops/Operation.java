package org.centurion.seatmanager.ops;

import java.time.Instant;
import java.util.Optional;

/** An operation as stored, with the evidence of its outcome once the chain has judged it. */
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
    Instant updatedAt) {}
