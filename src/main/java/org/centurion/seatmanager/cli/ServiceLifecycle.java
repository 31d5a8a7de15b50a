package org.centurion.seatmanager.cli;

import org.centurion.seatmanager.app.Components;
import org.centurion.seatmanager.app.StartupChecks;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.centurion.seatmanager.chain.ChainException;
import org.centurion.seatmanager.cli.EnvOptions;
import org.centurion.seatmanager.cli.ListenOptions;
import org.centurion.seatmanager.cli.Refusal;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.ConfigException;
import org.centurion.seatmanager.config.ConfigLoader;
import org.centurion.seatmanager.signing.SigningException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up and shut-down the long-running commands ({@code api}, {@code watch},
 * {@code api-watch}) share: configuration and every start-up check before anything opens, the
 * same refusals, then a shutdown hook that closes what was started and lets the command return.
 */
public final class ServiceLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceLifecycle.class);

  private ServiceLifecycle() {}

  /** Starts what a command runs over the process's components, once the configuration has passed every check. */
  public interface Starter {
    Running start(Components components);
  }

  /** What a command started; closed once, by the shutdown hook. */
  public interface Running {
    void close();
  }

  /**
   * Runs {@code starter} and blocks until the process is told to stop (SIGTERM, SIGINT).
   *
   * @param stopping the log line of the shutdown, saying what it waits for
   * @return the command's exit code: 0 after a clean stop, non-zero when it refused to start
   */
  public static int runUntilStopped(String command, Components.Pool pool, EnvOptions env, ListenOptions listen,
      String stopping, Starter starter) throws InterruptedException {
    return runUntilStopped(command, ConfigLoader.Process.SIGNING, pool, env, listen.host(), listen.port(), stopping,
        starter);
  }

  /** As above, for {@code api}'s kind of process ({@link ConfigLoader.Process#API} holds no signing power). */
  public static int runUntilStopped(String command, ConfigLoader.Process process, Components.Pool pool, EnvOptions env,
      ListenOptions listen, String stopping, Starter starter) throws InterruptedException {
    return runUntilStopped(command, process, pool, env, listen.host(), listen.port(), stopping, starter);
  }

  /** As above, for a command that serves no HTTP ({@code host} and {@code port} only fill the configuration). */
  public static int runUntilStopped(String command, Components.Pool pool, EnvOptions env, String host, int port,
      String stopping, Starter starter) throws InterruptedException {
    return runUntilStopped(command, ConfigLoader.Process.SIGNING, pool, env, host, port, stopping, starter);
  }

  private static int runUntilStopped(String command, ConfigLoader.Process process, Components.Pool pool, EnvOptions env,
      String host, int port, String stopping, Starter starter) throws InterruptedException {
    Running running;
    Components components = null;
    try {
      Config config = ConfigLoader.load(env.environment(), host, port, process);
      config.warnings().forEach(LOG::warn);
      // the start-up checks ask the very clients and signer the process then runs with
      components = Components.open(config, pool, Clock.systemUTC());
      StartupChecks.genesisForkVersion(components);
      StartupChecks.preflightWhenWritesEnabled(components, process);
      running = starter.start(components);
    } catch (ConfigException e) {
      closeQuietly(components);
      return Refusal.report(System.err, command, e);
    } catch (SigningException | ChainException e) {
      closeQuietly(components);
      // the signer or the chain could not be reached or checked: nothing can be sent safely
      return Refusal.report(System.err, command, List.of(e.getMessage()));
    } catch (RuntimeException e) {
      closeQuietly(components);
      java.util.Optional<java.net.BindException> bind = bindFailure(e);
      if (bind.isPresent()) {
        // a port someone else holds is a configuration problem: one line, exit 2, no stack trace
        return Refusal.report(System.err, command, List.of(e.getMessage() + " (" + bind.get().getMessage()
            + "): stop the process that holds it (fuser -v PORT/tcp) or choose another port"));
      }
      throw e;
    }
    Components opened = components;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info(stopping);
      running.close();
      opened.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
    return 0;
  }

  private static java.util.Optional<java.net.BindException> bindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException b) {
        return java.util.Optional.of(b);
      }
    }
    return java.util.Optional.empty();
  }

  private static void closeQuietly(Components components) {
    if (components != null) {
      components.close();
    }
  }
}
