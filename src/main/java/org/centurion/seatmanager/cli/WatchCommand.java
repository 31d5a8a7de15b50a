package org.centurion.seatmanager.cli;

import org.centurion.seatmanager.app.Components;
import org.centurion.seatmanager.app.WatchRuntime;

import java.util.concurrent.Callable;
import org.centurion.seatmanager.cli.EnvOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code watch}: the EL deposit, CL validator, vault and alert watchers and the operation executor,
 * each acting only while this process holds its role lock. Run several for failover.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = "Run the watchers and the operation executor (one leader per role across processes).")
public final class WatchCommand implements Callable<Integer> {
  @Mixin EnvOptions env;
  @Mixin WatchOptions options;

  @Override
  public Integer call() throws InterruptedException {
    return ServiceLifecycle.runUntilStopped("watch", Components.Pool.WATCH, env, "127.0.0.1", 0,
        "stopping: releasing role locks",
        components -> WatchRuntime.start(components, options.settings(components.config().alerting()))::close);
  }
}
