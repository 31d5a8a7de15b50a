package org.centurion.seatmanager.beacon;

/** The finalized checkpoint of the state an endpoint calls head. */
public record FinalityCheckpoint(long finalizedEpoch, String finalizedRoot) {}
