package org.centurion.seatmanager.cli;

import org.centurion.seatmanager.app.SignerProcess;
import org.centurion.seatmanager.signing.SignerEndpoint;
import org.centurion.seatmanager.signing.SignerSettings;
import org.centurion.seatmanager.signing.TreasurySigner;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seat-manager signer}: the isolated signing process. It holds the treasury key (local or
 * KMS) and nothing else, and serves policy-checked signing requests until stopped. Options
 * override the environment variables of {@link SignerSettings}; keys and secrets are read only
 * from the environment or files, never from the command line, where {@code ps} would show them.
 */
@Command(
    name = "signer",
    mixinStandardHelpOptions = true,
    description = "Hold the treasury key in an isolated process and sign policy-checked transactions.")
public final class SignerCommand implements Callable<Integer> {
  @Option(names = "--socket", description = "Unix socket path (${SEAT_MANAGER_SIGNER_SOCKET})")
  String socket;

  @Option(names = "--socket-group", description = "group allowed to connect: socket mode 660 instead of 600")
  String socketGroup;

  @Option(names = "--port", description = "loopback TCP port (${SEAT_MANAGER_SIGNER_PORT})")
  String port;

  @Option(names = "--secret-file", description = "file holding the HMAC secret")
  String secretFile;

  @Option(names = "--chain-id")
  String chainId;

  @Option(names = "--router", description = "the only target address signed for")
  String router;

  @Option(names = "--max-value-wei")
  String maxValueWei;

  @Option(names = "--max-fee-gwei")
  String maxFeeGwei;

  @Option(names = "--max-gas")
  String maxGas;

  @Option(names = "--state-dir", description = "directory of the deposit ledger and the decision log (${SEAT_MANAGER_SIGNER_STATE_DIR})")
  String stateDir;

  @Option(names = "--key-file", description = "file holding the hex private key")
  String keyFile;

  @Option(names = "--kms-key-id")
  String kmsKeyId;

  @Option(names = "--kms-region")
  String kmsRegion;

  @Option(names = "--kms-endpoint")
  String kmsEndpoint;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Map<String, String> environment;

  public SignerCommand() {
    this(System.getenv());
  }

  /** For tests: an explicit environment instead of the process's own. */
  public SignerCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = new HashMap<>(environment);
    put(env, SignerSettings.SOCKET, socket);
    put(env, SignerSettings.SOCKET_GROUP, socketGroup);
    put(env, SignerSettings.PORT, port);
    put(env, SignerSettings.SECRET_FILE, secretFile);
    put(env, SignerSettings.CHAIN_ID, chainId);
    put(env, SignerSettings.ROUTER, router);
    put(env, SignerSettings.MAX_VALUE_WEI, maxValueWei);
    put(env, SignerSettings.MAX_FEE_GWEI, maxFeeGwei);
    put(env, SignerSettings.MAX_GAS, maxGas);
    put(env, SignerSettings.STATE_DIR, stateDir);
    put(env, SignerSettings.PRIVATE_KEY_FILE, keyFile);
    put(env, SignerSettings.KMS_KEY_ID, kmsKeyId);
    put(env, SignerSettings.KMS_REGION, kmsRegion);
    put(env, SignerSettings.KMS_ENDPOINT, kmsEndpoint);
    if (secretFile != null) {
      env.remove(SignerSettings.SECRET);
    }
    if (keyFile != null) {
      env.remove(SignerSettings.PRIVATE_KEY);
    }

    SignerProcess process;
    try {
      process = SignerProcess.open(SignerSettings.parse(env));
    } catch (RuntimeException e) {
      // settings, key, policy or decision log refused: IllegalArgumentException, SigningException or the file's error
      System.err.println("seat-manager signer: " + e.getMessage());
      return 2;
    }
    TreasurySigner signer = process.signer();
    try {
      SignerEndpoint bound = process.start();
      // The JVM exits once shutdown hooks finish, so the hook itself removes the socket.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "signer-shutdown"));
      System.out.println("seat-manager signer ready: " + bound + " address=" + signer.address() + " mode=" + signer.mode());
      System.out.flush();
      stopped.await();
    } catch (java.io.IOException e) {
      System.err.println("seat-manager signer: cannot listen: " + e.getMessage());
      stop(process);
      return 1;
    }
    return 0;
  }

  private void stop(SignerProcess process) {
    try {
      process.close();
    } catch (Exception e) {
      System.err.println("seat-manager signer: error while stopping: " + e);
    } finally {
      stopped.countDown();
    }
  }

  private static void put(Map<String, String> env, String name, String value) {
    if (value != null) {
      env.put(name, value);
    }
  }
}
