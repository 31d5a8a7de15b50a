package org.centurion.seatmanager.devnet;

/** Where the devnet's contracts live, and who holds each role. All addresses are 0x-hex. */
public record DevnetAddresses(
    String depositContract,
    String vaultFactory,
    String treasuryRouter,
    String exitRequestPredeploy,
    String principalDestination,
    String deployer,
    String allowlistAdmin,
    String treasurySigner,
    String depositor) {}
