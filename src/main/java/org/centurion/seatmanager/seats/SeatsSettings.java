package org.centurion.seatmanager.seats;

import java.util.Optional;
import org.centurion.seatmanager.deposit.ForkVersion;
import org.centurion.seatmanager.keys.KeyProcessClient;

/**
 * What the seats feature runs with; the composition root fills it from {@code Config}.
 *
 * @param chain the server-controlled contract addresses; empty when the chain is not configured
 *     (then every route that needs the chain answers 503 CHAIN_NOT_CONFIGURED)
 * @param managedKeys the key process that makes managed keys for {@code generate}, when configured; the
 *     mnemonic and the keystore passwords stay in that process
 */
public record SeatsSettings(
    boolean writesEnabled,
    boolean allowMultipleSeatsPerOperator,
    Optional<SeatChainSettings> chain,
    Optional<ForkVersion> genesisForkVersion,
    boolean verifyDepositSignatures,
    Optional<KeyProcessClient> managedKeys) {}
