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
  @Option(names = "--socket", paramLabel = "PATH", description = "Unix socket to serve on (else SEAT_MANAGER_SIGNER_SOCKET)")
  String socket;

  @Option(names = "--socket-group", paramLabel = "GROUP",
      description = "group allowed to connect: socket mode 660 instead of 600 (else SEAT_MANAGER_SIGNER_SOCKET_GROUP)")
  String socketGroup;

  @Option(names = "--port", paramLabel = "PORT", description = "loopback TCP port instead of a socket (else SEAT_MANAGER_SIGNER_PORT)")
  String port;

  @Option(names = "--secret-file", paramLabel = "FILE",
      description = "file holding the HMAC secret of the TCP protocol (else SEAT_MANAGER_SIGNER_SECRET_FILE)")
  String secretFile;

  @Option(names = "--chain-id", paramLabel = "ID", description = "the only chain id signed for (else SEAT_MANAGER_CHAIN_ID)")
  String chainId;

  @Option(names = "--router", paramLabel = "0xADDRESS",
      description = "the treasury router: the only target signed for (else SEAT_MANAGER_ROUTER_ADDRESS)")
  String router;

  @Option(names = "--max-value-wei", paramLabel = "WEI",
      description = "most value one transaction may carry (else SEAT_MANAGER_MAX_TX_VALUE_WEI)")
  String maxValueWei;

  @Option(names = "--max-fee-gwei", paramLabel = "GWEI", description = "fee cap per gas (else SEAT_MANAGER_MAX_FEE_GWEI)")
  String maxFeeGwei;

  @Option(names = "--max-gas", paramLabel = "GAS", description = "gas limit cap (else SEAT_MANAGER_SIGNER_MAX_GAS)")
  String maxGas;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "directory of the deposit ledger and the decision log (else SEAT_MANAGER_SIGNER_STATE_DIR)")
  String stateDir;

  @Option(names = "--key-file", paramLabel = "FILE",
      description = "file holding the hex private key (else SEAT_MANAGER_OWNER_PRIVATE_KEY_FILE)")
  String keyFile;

  @Option(names = "--kms-key-id", paramLabel = "ID", description = "AWS KMS key instead of a key file (else SEAT_MANAGER_KMS_KEY_ID)")
  String kmsKeyId;

  @Option(names = "--kms-region", paramLabel = "REGION", description = "the KMS key's region (else SEAT_MANAGER_KMS_REGION)")
  String kmsRegion;

  @Option(names = "--kms-endpoint", paramLabel = "URL", description = "KMS endpoint override (else SEAT_MANAGER_KMS_ENDPOINT)")
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
