package org.centurion.seatmanager.chain;

import java.math.BigInteger;
import java.util.Optional;

/** The parts of a block the cross-check and fee logic use. */
public record BlockHeader(BigInteger number, String hash, Optional<BigInteger> baseFeePerGas, BigInteger timestamp) {}
