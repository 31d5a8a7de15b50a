package org.centurion.seatmanager.devnet;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.centurion.seatmanager.devnet.beacon.BeaconApiServer;
import org.centurion.seatmanager.devnet.beacon.BeaconChainSimulator;
import org.centurion.seatmanager.devnet.beacon.BeaconSpec;
import org.centurion.seatmanager.devnet.beacon.ExecutionLayerFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A complete local Centurion in one object: anvil with the EIP-7002 predeploy and the reference
 * contracts, a beacon-chain simulator following it, and one or more beacon-API endpoints, all on
 * 127.0.0.1. {@code try (Devnet d = Devnet.start(DevnetConfig.forTests())) { ... }}.
 *
 * <p>Caveats: the simulator reads the execution layer forward only, so do not {@code evm_revert}
 * the chain under a running simulator (share one devnet per test class and use fresh keys per
 * test instead). Consensus-layer withdrawals are applied with {@code anvil_setBalance}
 * (read-then-write); with {@code autoAdvanceSlots} a transfer to a vault racing a sweep can be lost,
 * so tests drive slots by hand.
 */
public final class Devnet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Devnet.class);

  private final DevnetConfig config;
  private final Anvil anvil;
  private final Web3j web3j;
  private final AnvilControl control;
  private final DevnetTransactor transactor;
  private final DevnetAddresses addresses;
  private final DevnetOps ops;
  private final BeaconChainSimulator beacon;
  private final List<BeaconApiServer> endpoints;
  private final ScheduledExecutorService ticker;

  private Devnet(DevnetConfig config, Anvil anvil, Web3j web3j, AnvilControl control, DevnetTransactor transactor,
      DevnetAddresses addresses, DevnetOps ops, BeaconChainSimulator beacon, List<BeaconApiServer> endpoints,
      ScheduledExecutorService ticker) {
    this.config = config;
    this.anvil = anvil;
    this.web3j = web3j;
    this.control = control;
    this.transactor = transactor;
    this.addresses = addresses;
    this.ops = ops;
    this.beacon = beacon;
    this.endpoints = endpoints;
    this.ticker = ticker;
  }

  public static Devnet start(DevnetConfig config) throws IOException {
    int rpcPort = config.rpcPort() == 0 ? Anvil.freePort() : config.rpcPort();
    Anvil anvil = Anvil.start(config.chainId(), rpcPort, List.of());
    Web3j web3j = null;
    List<BeaconApiServer> endpoints = new ArrayList<>();
    try {
      HttpService service = new HttpService(anvil.rpcUrl());
      web3j = Web3j.build(service);
      ReferenceContracts contracts = ReferenceContracts.load();
      AnvilControl control = new AnvilControl(web3j, service);
      DevnetTransactor tx = new DevnetTransactor(web3j, config.chainId(), contracts);
      DevnetAddresses addresses = new DevnetDeployer(tx, control, contracts).deploy(
          account(DevnetAccounts.DEPLOYER), account(DevnetAccounts.TREASURY_SIGNER),
          account(DevnetAccounts.DEPOSITOR), config.routerFundingWei());
      DevnetOps ops = new DevnetOps(tx, addresses, account(DevnetAccounts.DEPLOYER),
          account(DevnetAccounts.TREASURY_SIGNER));
      BeaconSpec spec = config.beacon().withDepositContract(config.chainId(), addresses.depositContract());
      BeaconChainSimulator beacon = new BeaconChainSimulator(spec,
          new ExecutionLayerFeed(web3j, addresses.depositContract(), addresses.exitRequestPredeploy()),
          control::credit, control.latestTimestamp());
      for (int port : config.beaconPorts()) {
        endpoints.add(BeaconApiServer.start(beacon, port));
      }
      ScheduledExecutorService ticker = null;
      if (config.autoAdvanceSlots()) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("devnet-slots").unstarted(r));
        long period = spec.secondsPerSlot() * 1000L;
        ticker.scheduleAtFixedRate(() -> tick(beacon), period, period, TimeUnit.MILLISECONDS);
      }
      return new Devnet(config, anvil, web3j, control, tx, addresses, ops, beacon, List.copyOf(endpoints), ticker);
    } catch (IOException | RuntimeException e) {
      endpoints.forEach(BeaconApiServer::close);
      if (web3j != null) {
        web3j.shutdown();
      }
      anvil.close();
      throw e;
    }
  }

  /** A failed slot (e.g. anvil briefly unreachable) is retried on the next tick, not fatal. */
  private static void tick(BeaconChainSimulator beacon) {
    try {
      beacon.advanceSlots(1);
    } catch (RuntimeException e) {
      LOG.warn("beacon simulator slot failed: {}", e.toString());
    }
  }

  private static Credentials account(int i) {
    return DevnetAccounts.account(i);
  }

  public long chainId() {
    return config.chainId();
  }

  public String rpcUrl() {
    return anvil.rpcUrl();
  }

  public Web3j web3j() {
    return web3j;
  }

  public DevnetAddresses addresses() {
    return addresses;
  }

  public DevnetOps ops() {
    return ops;
  }

  public DevnetTransactor transactor() {
    return transactor;
  }

  /** Balance, code and time controls of the chain. */
  public AnvilControl chain() {
    return control;
  }

  public BeaconChainSimulator beacon() {
    return beacon;
  }

  public List<BeaconApiServer> beaconEndpoints() {
    return endpoints;
  }

  public List<String> beaconUrls() {
    return endpoints.stream().map(BeaconApiServer::url).toList();
  }

  public byte[] genesisForkVersion() {
    return beacon.spec().genesisForkVersion();
  }

  /** Moves the beacon chain forward; epoch processing reads the chain's new logs. */
  public void advanceEpochs(long n) {
    beacon.advanceEpochs(n);
  }

  /** Moves execution-layer time forward (claim, settlement, rotation and drain delays). */
  public void advanceChainTime(Duration by) {
    control.advanceTime(by);
  }

  /** The devnet's public test accounts by role (see {@link DevnetAccounts}). */
  public Credentials treasurySigner() {
    return account(DevnetAccounts.TREASURY_SIGNER);
  }

  public Credentials allowlistAdmin() {
    return account(DevnetAccounts.DEPLOYER);
  }

  public Credentials depositor() {
    return account(DevnetAccounts.DEPOSITOR);
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    endpoints.forEach(BeaconApiServer::close);
    web3j.shutdown();
    anvil.close();
  }
}
