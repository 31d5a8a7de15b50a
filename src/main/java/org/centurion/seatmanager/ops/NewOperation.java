package org.centurion.seatmanager.ops;

import java.time.Instant;
import java.util.Optional;

/**
 * An operation to record. {@code notBefore} defers execution (e.g. settlement finalization after
 * the vault's delay); {@code requestedBy} is the audit actor.
 */
public record NewOperation(
    Optional<Long> seatId, OperationKind kind, RouterCall call, Instant notBefore, String requestedBy) {}
