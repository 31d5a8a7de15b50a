package org.centurion.seatmanager.cli;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.centurion.seatmanager.app.Version;
import org.centurion.seatmanager.keys.KeyProcess;
import org.centurion.seatmanager.keys.KeyProcessSettings;
import org.centurion.seatmanager.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code seat-manager keys serve}: the key process. Run it as its own user (the only one that can
 * read the mnemonic, the seal key and the ledger); api reaches it on its socket. It needs neither
 * the database nor the chain.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the key process: the only process that reads the managed-key mnemonic (for api's generate).")
public final class KeysServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(KeysServeCommand.class);

  @Mixin EnvOptions env;

  @Override
  public Integer call() throws InterruptedException {
    KeyProcess process;
    try {
      process = KeyProcess.start(KeyProcessSettings.parse(env.environment()),
          "seat-manager/" + Version.current(), Clock.systemUTC());
    } catch (ConfigException e) {
      return Refusal.report(System.err, "keys serve", e);
    } catch (IOException e) {
      return Refusal.report(System.err, "keys serve", List.of(e.getMessage()));
    }
    LOG.info("seat-manager keys serve listening on {}", process.endpoint());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping: key process");
      try {
        process.close();
      } catch (IOException e) {
        LOG.warn("key process did not close cleanly: {}", e.getMessage());
      }
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
    return 0;
  }
}
