package org.centurion.seatmanager.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.centurion.seatmanager.app.Application;
import org.centurion.seatmanager.app.StartupChecks;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.config.ConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code api}: the HTTP server. Every guard runs before the port opens. */
@Command(name = "api", mixinStandardHelpOptions = true, description = "Serve the HTTP API.")
public final class ApiCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiCommand.class);

  @Mixin EnvOptions env;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "Port to bind (default ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws InterruptedException {
    Config config;
    Application app;
    try {
      config = ConfigLoader.load(env.environment(), host, port);
      config.warnings().forEach(w -> LOG.warn(w));
      StartupChecks.genesisForkVersion(config);
      StartupChecks.preflightWhenWritesEnabled(config);
      app = Application.start(config, Clock.systemUTC());
    } catch (ConfigException e) {
      return Refusal.report(System.err, "api", e);
    } catch (org.centurion.seatmanager.signing.SigningException | org.centurion.seatmanager.chain.ChainException e) {
      // the signer or the chain could not be reached or checked: nothing can be sent safely
      return Refusal.report(System.err, "api", java.util.List.of(e.getMessage()));
    }
    LOG.info("seat-manager api listening on {}:{} (writes {})", host, app.port(),
        config.writes().enabled() ? "enabled, signer " + config.writes().signerMode() : "disabled");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping: draining in-flight requests");
      app.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
    return 0;
  }
}
