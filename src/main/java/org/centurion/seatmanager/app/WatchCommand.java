package org.centurion.seatmanager.app;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.centurion.seatmanager.cli.EnvOptions;
import org.centurion.seatmanager.cli.Refusal;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.config.ConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code watch}: the EL deposit, CL validator, vault and alert watchers and the operation executor,
 * each acting only while this process holds its role lock. Run several for failover.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = "Run the watchers and the operation executor (one leader per role across processes).")
public final class WatchCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(WatchCommand.class);

  @Mixin EnvOptions env;
  @Mixin WatchOptions options;

  @Override
  public Integer call() throws InterruptedException {
    WatchRuntime runtime;
    try {
      Config config = ConfigLoader.load(env.environment(), "127.0.0.1", 0);
      config.warnings().forEach(w -> LOG.warn(w));
      StartupChecks.genesisForkVersion(config);
      StartupChecks.preflightWhenWritesEnabled(config);
      runtime = WatchRuntime.start(config, options.settings(config.alerting()), Clock.systemUTC());
    } catch (ConfigException e) {
      return Refusal.report(System.err, "watch", e);
    } catch (org.centurion.seatmanager.signing.SigningException | org.centurion.seatmanager.chain.ChainException e) {
      // the signer or the chain could not be reached or checked: nothing can be sent safely
      return Refusal.report(System.err, "watch", java.util.List.of(e.getMessage()));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping: releasing role locks");
      runtime.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
    return 0;
  }
}
