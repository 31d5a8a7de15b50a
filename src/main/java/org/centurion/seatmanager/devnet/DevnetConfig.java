package org.centurion.seatmanager.devnet;

import java.math.BigInteger;
import java.util.List;
import org.centurion.seatmanager.devnet.beacon.BeaconSpec;

/**
 * How to start a devnet.
 *
 * @param rpcPort anvil's port on 127.0.0.1; 0 picks a free one
 * @param beaconPorts one entry per beacon endpoint (at least one; 0 picks a free port)
 * @param autoAdvanceSlots true: slots tick in real time (the {@code devnet} command); false: only
 *     {@link Devnet#advanceEpochs} moves the beacon chain (tests)
 * @param beacon consensus parameters; its deposit-contract address is filled in at deployment
 */
public record DevnetConfig(
    long chainId,
    int rpcPort,
    List<Integer> beaconPorts,
    boolean autoAdvanceSlots,
    BigInteger routerFundingWei,
    BeaconSpec beacon) {

  /**
   * The devnet's genesis fork version. Centurion's real value is not public; this one is ours
   * and only ours (0x10 for "devnet", then the chain id 286 = 0x011e).
   */
  public static final byte[] DEVNET_GENESIS_FORK_VERSION = {0x10, 0x00, 0x01, 0x1e};

  public DevnetConfig {
    beaconPorts = List.copyOf(beaconPorts);
    if (beaconPorts.isEmpty()) {
      throw new IllegalArgumentException("at least one beacon endpoint");
    }
    if (routerFundingWei.signum() < 0) {
      throw new IllegalArgumentException("router funding must not be negative");
    }
  }

  /** For tests: chain 286, free ports, two beacon endpoints, manual slots, 100 CTN in the router. */
  public static DevnetConfig forTests() {
    return new DevnetConfig(286, 0, List.of(0, 0), false, BigInteger.TEN.pow(20),
        BeaconSpec.devnet(DEVNET_GENESIS_FORK_VERSION, 286, null));
  }

  public DevnetConfig withBeacon(BeaconSpec spec) {
    return new DevnetConfig(chainId, rpcPort, beaconPorts, autoAdvanceSlots, routerFundingWei, spec);
  }

  public DevnetConfig withPorts(int rpc, List<Integer> beacons) {
    return new DevnetConfig(chainId, rpc, beacons, autoAdvanceSlots, routerFundingWei, beacon);
  }

  public DevnetConfig withAutoAdvance(boolean auto) {
    return new DevnetConfig(chainId, rpcPort, beaconPorts, auto, routerFundingWei, beacon);
  }

  public DevnetConfig withChainId(long id) {
    return new DevnetConfig(id, rpcPort, beaconPorts, autoAdvanceSlots, routerFundingWei,
        beacon.withDepositContract(id, beacon.depositContractAddress()));
  }
}
