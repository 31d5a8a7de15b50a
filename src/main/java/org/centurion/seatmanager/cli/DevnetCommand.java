package org.centurion.seatmanager.cli;

import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.devnet.DevnetEnvFile;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.centurion.seatmanager.devnet.beacon.BeaconSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seat-manager devnet}: a local Centurion on 127.0.0.1 until Ctrl-C. */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    description = {
      "Run a local Centurion devnet on 127.0.0.1 (anvil, the reference contracts, a beacon simulator).",
      "Anvil carries the EIP-7002 predeploy; every address and URL is written to an env file (mode 600).",
      "For development, tests and the demo only: it uses anvil's public test keys."
    })
public final class DevnetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--chain-id", defaultValue = "286", description = "Chain id (default ${DEFAULT-VALUE}).")
  long chainId;

  @Option(names = "--rpc-port", defaultValue = "8545", description = "anvil port, 0 = free (default ${DEFAULT-VALUE}).")
  int rpcPort;

  @Option(names = "--beacon-ports", split = ",", defaultValue = "5052,5053",
      description = "One port per beacon endpoint, 0 = free (default ${DEFAULT-VALUE}).")
  List<Integer> beaconPorts;

  @Option(names = "--slot-seconds", defaultValue = "1", description = "Slot length in seconds (default ${DEFAULT-VALUE}).")
  int slotSeconds;

  @Option(names = "--router-funding-ctn", defaultValue = "1000",
      description = "CTN the treasury router starts with (default ${DEFAULT-VALUE}).")
  long routerFundingCtn;

  @Option(names = "--env-file", defaultValue = "devnet.env", description = "Where to write the env file (default ${DEFAULT-VALUE}).")
  Path envFile;

  @Option(names = "--exit-after", hidden = true, description = "Stop after this many seconds (smoke tests).")
  Long exitAfterSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (slotSeconds < 1 || routerFundingCtn < 0 || chainId < 1 || !validPort(rpcPort)
        || beaconPorts.isEmpty() || !beaconPorts.stream().allMatch(DevnetCommand::validPort)) {
      err.println("devnet: invalid option (ports 0-65535, slot seconds >= 1, funding >= 0, chain id >= 1)");
      return 2;
    }
    DevnetConfig config = new DevnetConfig(chainId, rpcPort, beaconPorts, true,
        BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(routerFundingCtn)),
        BeaconSpec.devnet(DevnetConfig.DEVNET_GENESIS_FORK_VERSION, chainId, null).withSecondsPerSlot(slotSeconds));
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Devnet started;
    try {
      started = Devnet.start(config);
    } catch (IOException | IllegalStateException e) {
      err.println("devnet: could not start: " + e.getMessage());
      return 1;
    }
    try (Devnet devnet = started) {
      DevnetEnvFile.write(envFile, devnet);
      // On Ctrl-C the JVM waits for hooks, not for this thread: the hook holds it until anvil is stopped.
      Thread hook = new Thread(() -> {
        stop.countDown();
        try {
          closed.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "devnet-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      out.println("devnet running (chain id " + devnet.chainId() + ", " + slotSeconds + " s slots)");
      DevnetEnvFile.entries(devnet).forEach((k, v) -> out.println("  " + k + "=" + v));
      out.println("  env file (with the devnet test keys): " + envFile.toAbsolutePath());
      out.println("Ctrl-C stops it.");
      out.flush();
      if (exitAfterSeconds != null) {
        stop.await(exitAfterSeconds, TimeUnit.SECONDS);
        Runtime.getRuntime().removeShutdownHook(hook);
      } else {
        stop.await();
      }
    } finally {
      closed.countDown();
    }
    out.println("devnet stopped");
    out.flush();
    return 0;
  }

  private static boolean validPort(int p) {
    return p >= 0 && p <= 65535;
  }
}
