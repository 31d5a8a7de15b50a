package org.centurion.seatmanager.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.config.Secret;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.testing.ChildProcess;
import org.jdbi.v3.core.Jdbi;
import org.web3j.utils.Numeric;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The treasury key in each signer mode, opened as production opens it, for tests that must hold
 * in every mode: the local key and a fake KMS behind {@link TreasurySigners}, and the isolated
 * signer as a real child process. One instance per test class; {@link #close} stops what it started.
 */
public final class SignerModes implements AutoCloseable {
  public enum Mode { LOCAL_KEY, FAKE_KMS, ISOLATED_SIGNER }

  private final Devnet devnet;
  private final Config.Chain chain;
  private final String keyHex;
  private final FakeKms kms;
  private final Path signerDir;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private ChildProcess isolated;

  public SignerModes(Devnet devnet, Config.Chain chain) throws java.io.IOException {
    this.devnet = devnet;
    this.chain = chain;
    this.keyHex = Numeric.toHexStringNoPrefixZeroPadded(devnet.treasurySigner().getEcKeyPair().getPrivateKey(), 64);
    this.kms = new FakeKms("alias/treasury", "ECC_SECG_P256K1", devnet.treasurySigner().getEcKeyPair().getPrivateKey());
    this.signerDir = org.centurion.seatmanager.testing.TestDirectories.create("signer-modes");
  }

  /** The isolated signer's state directory (its decisions.jsonl). */
  public Path signerDir() {
    return signerDir;
  }

  /** Opens the mode's signer as production does; the in-process modes keep their deposit ledger in {@code ledger}. */
  public TreasurySigner open(Mode mode, Jdbi ledger) throws Exception {
    return switch (mode) {
      case LOCAL_KEY -> TreasurySigners.fromConfig(new Config.Writes(true, Config.SignerMode.LOCAL_KEY,
          Optional.of(Secret.ofHex(keyHex)), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), chain,
          new DatabaseDepositLedger(ledger));
      case FAKE_KMS -> {
        TreasurySigner s = TreasurySigners.fromConfig(new Config.Writes(true, Config.SignerMode.KMS, Optional.empty(),
                Optional.of("alias/treasury"), Optional.of("eu-central-1"), Optional.of(kms.endpoint().toString()), Optional.empty()),
            chain, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "test-secret-not-real")),
            new DatabaseDepositLedger(ledger));
        closeables.add((AutoCloseable) s);
        yield s;
      }
      case ISOLATED_SIGNER -> startIsolatedSigner();
    };
  }

  private TreasurySigner startIsolatedSigner() throws Exception {
    Path keyFile = signerDir.resolve("key");
    if (!Files.exists(keyFile)) {
      Files.writeString(keyFile, keyHex);
      Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    }
    Path socket = signerDir.resolve("signer.sock");
    Map<String, String> env = new HashMap<>();
    env.put(SignerSettings.SOCKET, socket.toString());
    env.put(SignerSettings.CHAIN_ID, Long.toString(chain.chainId()));
    env.put(SignerSettings.ROUTER, chain.router().orElseThrow());
    env.put(SignerSettings.MAX_VALUE_WEI, "0");
    env.put(SignerSettings.MAX_FEE_GWEI, Long.toString(chain.maxFeeGwei()));
    env.put(SignerSettings.DEPOSIT_CONTRACT, chain.depositContract().orElseThrow());
    env.put(SignerSettings.VAULT_FACTORY, chain.vaultFactory().orElseThrow());
    env.put(SignerSettings.PRINCIPAL_DESTINATION, chain.principalDestination().orElseThrow());
    env.put(SignerSettings.MAX_DEPOSITS_PER_DAY, Integer.toString(chain.maxDepositsPerDay()));
    env.put(SignerSettings.MAX_EXIT_FEE_WEI, chain.maxExitFeeWei().toString());
    env.put(SignerSettings.STATE_DIR, signerDir.toString());
    env.put(SignerSettings.PRIVATE_KEY_FILE, keyFile.toString());
    isolated = ChildProcess.start(env, signerDir, "signer");
    ChildProcess child = isolated;
    await().atMost(Duration.ofSeconds(30)).until(() -> child.stdout().contains("seat-manager signer ready") || !child.isAlive());
    assertThat(child.isAlive()).as(() -> "signer exited: " + child.stderr()).isTrue();
    return RemoteSigner.connect(new SignerEndpoint.UnixSocket(socket), Optional.empty(), Duration.ofSeconds(10), Clock.systemUTC());
  }

  /** Stops the isolated signer's child process (a later {@link #open} restarts it over the same state). */
  public void stopIsolatedSigner() throws Exception {
    if (isolated != null) {
      isolated.terminate();
      isolated.waitFor(15);
      isolated = null;
    }
  }

  /** The private key in hex, for asserting it never appears in a log or decision. */
  public String keyHex() {
    return keyHex;
  }

  @Override
  public void close() throws Exception {
    if (isolated != null) {
      isolated.terminate();
    }
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    kms.close();
  }

}
