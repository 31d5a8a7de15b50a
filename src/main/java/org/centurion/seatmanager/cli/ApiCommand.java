package org.centurion.seatmanager.cli;

import java.util.concurrent.Callable;
import org.centurion.seatmanager.app.Application;
import org.centurion.seatmanager.app.Components;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.cli.ServiceLifecycle;
import org.centurion.seatmanager.config.ConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code api}: the HTTP server. Every guard runs before the port opens. It holds no signing power
 * (issue 12): its routes enqueue operations that {@code watch} signs; it never builds a signer, a
 * KMS client or a key, and never reads the managed-key mnemonic (the key process does).
 */
@Command(name = "api", mixinStandardHelpOptions = true, description = "Serve the HTTP API.")
public final class ApiCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiCommand.class);

  @Mixin EnvOptions env;
  @Mixin ListenOptions listen;

  @Override
  public Integer call() throws InterruptedException {
    return ServiceLifecycle.runUntilStopped("api", ConfigLoader.Process.API, Components.Pool.API, env, listen,
        "stopping: draining in-flight requests", components -> {
      Config config = components.config();
      Application app = Application.start(components);
      LOG.info("seat-manager api listening on {}:{} (writes {})", listen.host(), app.port(),
          config.writes().enabled() ? "enabled, operations signed by watch as " + config.writes().signerAddress().orElseThrow()
              : "disabled");
      return app::close;
    });
  }
}
