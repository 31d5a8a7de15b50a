package org.centurion.seatmanager.seats;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * The server-controlled chain facts the seat lifecycle needs (CSM-01: never from a request).
 *
 * @param router the TreasuryRouter: the on-chain depositor, vault treasury and allowlist caller
 * @param vaultCodeHash keccak256 of a vault's runtime code, when the deployment pins one
 * @param depositLogsFromBlock where the deposit contract's history starts (its deployment block)
 * @param maxExitFeeWei the most the treasury pays the EIP-7002 predeploy for one exit request
 */
public record SeatChainSettings(
    long chainId,
    String depositContract,
    String vaultFactory,
    String router,
    String principalDestination,
    Optional<String> vaultCodeHash,
    long depositLogsFromBlock,
    BigInteger maxExitFeeWei) {

  public SeatChainSettings {
    depositContract = lower(depositContract);
    vaultFactory = lower(vaultFactory);
    router = lower(router);
    principalDestination = lower(principalDestination);
    vaultCodeHash = vaultCodeHash.map(h -> h.toLowerCase(Locale.ROOT));
  }

  private static String lower(String address) {
    String a = address.toLowerCase(Locale.ROOT);
    if (!a.matches("0x[0-9a-f]{40}")) {
      throw new IllegalArgumentException("not a 20-byte address: " + address);
    }
    return a;
  }
}
