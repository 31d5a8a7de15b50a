package org.centurion.seatmanager.seats;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/** A seat as stored. Addresses and keys are lower-case 0x-hex. */
public record Seat(
    long id,
    String operatorId,
    String beneficiary,
    String pubkey,
    String vaultAddress,
    String withdrawalCredentials,
    SeatState state,
    Optional<String> exceptionReason,
    Optional<String> depositDataRoot,
    Optional<BigInteger> intentEpoch,
    Optional<BigInteger> principalReturnedWei,
    Optional<BigInteger> beneficiaryShareWei,
    Instant createdAt,
    Instant updatedAt) {}
