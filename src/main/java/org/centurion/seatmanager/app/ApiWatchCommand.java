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
import picocli.CommandLine.Option;

/** {@code api-watch}: the HTTP API and the watchers in one process, for small deployments. */
@Command(name = "api-watch", mixinStandardHelpOptions = true, description = "Serve the HTTP API and run the watchers.")
public final class ApiWatchCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiWatchCommand.class);

  @Mixin EnvOptions env;
  @Mixin WatchOptions options;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "Port to bind (default ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws InterruptedException {
    Application app;
    WatchRuntime watch;
    try {
      Config config = ConfigLoader.load(env.environment(), host, port);
      config.warnings().forEach(w -> LOG.warn(w));
      StartupChecks.genesisForkVersion(config);
      StartupChecks.preflightWhenWritesEnabled(config);
      app = Application.start(config, Clock.systemUTC());
      try {
        watch = WatchRuntime.start(config, options.settings(config.alerting()), Clock.systemUTC());
      } catch (RuntimeException e) {
        app.close();
        throw e;
      }
      LOG.info("seat-manager api-watch listening on {}:{}", host, app.port());
    } catch (ConfigException e) {
      return Refusal.report(System.err, "api-watch", e);
    } catch (org.centurion.seatmanager.signing.SigningException | org.centurion.seatmanager.chain.ChainException e) {
      // the signer or the chain could not be reached or checked: nothing can be sent safely
      return Refusal.report(System.err, "api-watch", java.util.List.of(e.getMessage()));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping");
      watch.close();
      app.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
    return 0;
  }
}
