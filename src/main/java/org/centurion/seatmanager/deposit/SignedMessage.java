package org.centurion.seatmanager.deposit;

/**
 * A BLS signature check as it arrives: compressed key, message, compressed signature, all untrusted.
 *
 * @param publicKey 48 bytes, compressed G1
 * @param message the signing root
 * @param signature 96 bytes, compressed G2
 */
public record SignedMessage(byte[] publicKey, byte[] message, byte[] signature) {}
