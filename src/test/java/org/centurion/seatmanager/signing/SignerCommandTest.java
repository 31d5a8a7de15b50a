package org.centurion.seatmanager.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.centurion.seatmanager.signing.SignerTestChain.CHAIN_ID;
import static org.centurion.seatmanager.signing.SignerTestChain.ETHER;
import static org.centurion.seatmanager.signing.SignerTestChain.GWEI;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.cli.Main;
import org.centurion.seatmanager.cli.SignerCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.RawTransaction;

class SignerCommandTest {
  private static final String ROUTER = "0x00000000000000000000000000000000000a11ce";

  @TempDir Path dir;

  private static Map<String, String> validEnv() {
    Map<String, String> env = new HashMap<>();
    env.put(SignerSettings.SOCKET, "/run/seat-manager-signer/signer.sock");
    env.put(SignerSettings.CHAIN_ID, "286");
    env.put(SignerSettings.ROUTER, ROUTER);
    env.put(SignerSettings.MAX_VALUE_WEI, "32000000000000000000");
    env.put(SignerSettings.MAX_FEE_GWEI, "150.5");
    env.put(SignerSettings.PRIVATE_KEY, "ab".repeat(32));
    env.put(SignerSettings.DEPOSIT_CONTRACT, TestPolicies.DEPOSIT);
    env.put(SignerSettings.VAULT_FACTORY, TestPolicies.FACTORY);
    env.put(SignerSettings.PRINCIPAL_DESTINATION, TestPolicies.PRINCIPAL);
    env.put(SignerSettings.STATE_DIR, System.getProperty("java.io.tmpdir"));
    return env;
  }

  @Test
  void settingsParseEverythingAndNeverEchoSecrets() {
    SignerSettings s = SignerSettings.parse(validEnv());
    assertThat(s.endpoint()).isEqualTo(new SignerEndpoint.UnixSocket(Path.of("/run/seat-manager-signer/signer.sock")));
    assertThat(s.policy().maxFeePerGasWei()).isEqualTo(new BigInteger("150500000000"));
    assertThat(s.policy().maxGasLimit()).isEqualTo(BigInteger.valueOf(3_000_000));
    assertThat(s.toString()).doesNotContain("ab".repeat(32)).contains("redacted");

    Map<String, String> bad = validEnv();
    bad.remove(SignerSettings.SOCKET);
    bad.put(SignerSettings.PORT, "9999");
    bad.put(SignerSettings.SECRET, "short-secret-value");
    bad.put(SignerSettings.ROUTER, "0x1234");
    bad.put(SignerSettings.MAX_FEE_GWEI, "-1");
    bad.put(SignerSettings.KMS_KEY_ID, "alias/treasury");
    assertThatThrownBy(() -> SignerSettings.parse(bad))
        .isInstanceOf(SignerSettings.InvalidSettingsException.class)
        .hasMessageContaining(SignerSettings.SECRET)
        .hasMessageContaining(SignerSettings.ROUTER)
        .hasMessageContaining(SignerSettings.MAX_FEE_GWEI)
        .hasMessageContaining("only one key source")
        .message().doesNotContain("short-secret-value").doesNotContain("ab".repeat(32));
  }

  @Test
  void commandExitsWithUsageErrorOnMissingSettings() {
    var err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.err;
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    int code;
    try {
      code = new picocli.CommandLine(new SignerCommand(Map.of(SignerSettings.PRIVATE_KEY, "ab".repeat(32))))
          .execute("--socket", dir.resolve("x.sock").toString(), "--router", "0x12");
    } finally {
      System.setErr(old);
    }
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains(SignerSettings.CHAIN_ID, SignerSettings.ROUTER, SignerSettings.MAX_VALUE_WEI, SignerSettings.MAX_FEE_GWEI)
        .doesNotContain("ab".repeat(32));
    assertThat(Main.run("signer", "--help")).isZero();
    assertThat(Files.exists(dir.resolve("x.sock"))).isFalse();
  }

  /** The real thing: `seat-manager signer` as its own process, a RemoteSigner client, anvil as judge. */
  @Test
  void signerProcessServesARemoteSignerWhoseTransactionsLand() throws Exception {
    String keyHex = LocalKmsDisabledSignerTest.randomKeyHex();
    Path keyFile = Files.writeString(dir.resolve("owner.key"), keyHex + "\n");
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    Path socket = dir.resolve("signer.sock");
    Path log = dir.resolve("signer.log");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(javaBin, "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "signer",
        "--socket", socket.toString(), "--key-file", keyFile.toString()));
    pb.environment().keySet().removeIf(k -> k.startsWith("SEAT_MANAGER_") && !k.equals("SEAT_MANAGER_HOME"));
    pb.environment().put(SignerSettings.CHAIN_ID, Long.toString(CHAIN_ID));
    pb.environment().put(SignerSettings.ROUTER, ROUTER);
    pb.environment().put(SignerSettings.MAX_VALUE_WEI, ETHER.toString());
    pb.environment().put(SignerSettings.MAX_FEE_GWEI, "100");
    pb.environment().put(SignerSettings.DEPOSIT_CONTRACT, TestPolicies.DEPOSIT);
    pb.environment().put(SignerSettings.VAULT_FACTORY, TestPolicies.FACTORY);
    pb.environment().put(SignerSettings.PRINCIPAL_DESTINATION, TestPolicies.PRINCIPAL);
    pb.environment().put(SignerSettings.STATE_DIR, dir.toString());
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process signer = pb.start();
    try (SignerTestChain chain = SignerTestChain.start()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("seat-manager signer ready"));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");

      RemoteSigner remote = RemoteSigner.connect(new SignerEndpoint.UnixSocket(socket), Optional.empty(),
          Duration.ofSeconds(5), Clock.systemUTC());
      String expected = org.web3j.crypto.Credentials.create(keyHex).getAddress();
      assertThat(remote.address()).isEqualToIgnoringCase(expected);
      chain.fund(expected, ETHER.multiply(BigInteger.TEN));
      RawTransaction tx = RawTransaction.createTransaction(CHAIN_ID, BigInteger.ZERO, BigInteger.valueOf(60_000), ROUTER,
          BigInteger.ZERO, TestPolicies.allowedCall(), GWEI, GWEI.multiply(BigInteger.valueOf(20)));
      SignedTransaction signed = remote.sign(tx, CHAIN_ID);
      chain.sendAndCheck(signed, expected);
      assertThatThrownBy(() -> remote.sign(RawTransaction.createTransaction(CHAIN_ID, BigInteger.ONE, BigInteger.valueOf(60_000),
              ROUTER, ETHER.add(BigInteger.ONE), "0x", GWEI, GWEI), CHAIN_ID))
          .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo(SigningErrorCode.POLICY_VALUE_CAP));
    } finally {
      signer.destroy(); // SIGTERM: the shutdown hook removes the socket
      assertThat(signer.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
    String output = Files.readString(log);
    assertThat(output).contains("signer signed tx").contains("POLICY_VALUE_CAP").doesNotContain(keyHex);
    String decisions = Files.readString(dir.resolve("decisions.jsonl"));
    assertThat(decisions).contains("\"SIGNED\"").contains("\"REFUSED\"").contains("POLICY_VALUE_CAP").contains("deployVault")
        .doesNotContain(keyHex);
    assertThat(Files.exists(socket)).isFalse();
  }
}
