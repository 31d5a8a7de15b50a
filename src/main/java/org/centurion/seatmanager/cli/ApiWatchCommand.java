package org.centurion.seatmanager.cli;

import org.centurion.seatmanager.app.Application;
import org.centurion.seatmanager.app.Components;
import org.centurion.seatmanager.app.WatchRuntime;

import java.util.concurrent.Callable;
import org.centurion.seatmanager.cli.EnvOptions;
import org.centurion.seatmanager.cli.ListenOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code api-watch}: the HTTP API and the watchers in one process, for small deployments. The
 * executor runs here too, so this HTTP process holds signing power; it says so at start.
 */
@Command(name = "api-watch", mixinStandardHelpOptions = true, description = "Serve the HTTP API and run the watchers.")
public final class ApiWatchCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiWatchCommand.class);

  /** Logged at start with writes enabled: the small-deployment trade-off, said out loud. */
  public static final String SIGNING_POWER_WARNING = "api-watch: this HTTP process holds signing power (it runs the"
      + " executor, which talks to the treasury signer); a compromise of the API reaches the signer. Run api and"
      + " watch as separate processes (separate users) to keep the signer away from the network-facing process";

  @Mixin EnvOptions env;
  @Mixin WatchOptions options;
  @Mixin ListenOptions listen;

  @Override
  public Integer call() throws InterruptedException {
    return ServiceLifecycle.runUntilStopped("api-watch", Components.Pool.API_WATCH, env, listen, "stopping", components -> {
      if (components.config().writes().enabled()) {
        LOG.warn(SIGNING_POWER_WARNING);
      }
      // one process, one set of components: the API and the watchers share clients, alerts and cursors
      Application app = Application.start(components);
      WatchRuntime watch;
      try {
        watch = WatchRuntime.start(components, options.settings(components.config().alerting()));
      } catch (RuntimeException e) {
        app.close();
        throw e;
      }
      LOG.info("seat-manager api-watch listening on {}:{}", listen.host(), app.port());
      return () -> {
        watch.close();
        app.close();
      };
    });
  }
}
