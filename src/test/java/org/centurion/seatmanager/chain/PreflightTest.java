package org.centurion.seatmanager.chain;

import org.centurion.seatmanager.cli.PreflightCommand;
import org.centurion.seatmanager.config.NamedEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.cli.Main;
import org.centurion.seatmanager.config.Config;
import org.centurion.seatmanager.devnet.Devnet;
import org.centurion.seatmanager.devnet.DevnetConfig;
import org.centurion.seatmanager.testing.TestDatabases;
import org.centurion.seatmanager.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** Preflight against a real devnet: all green when pointed right, one red row per thing pointed wrong. */
class PreflightTest {
  private static Devnet devnet;
  private static final List<AutoCloseable> CLOSE = new ArrayList<>();

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    devnet = Devnet.start(DevnetConfig.forTests());
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : CLOSE) {
      c.close();
    }
    devnet.close();
  }

  private static String codeHash() {
    return Hash.sha3(devnet.chain().code(devnet.addresses().depositContract()));
  }

  private static Config.Chain chain(List<NamedEndpoint> endpoints, int minAgreeing, String depositContract, String codeHash,
      String owner) {
    var a = devnet.addresses();
    return new Config.Chain(286, endpoints, List.of(), minAgreeing, Optional.of(depositContract), Optional.of(a.vaultFactory()),
        Optional.of(a.treasuryRouter()), Optional.of(a.principalDestination()), Optional.of(owner), Optional.of(codeHash),
        Optional.empty(), 1, 500, BigInteger.TEN.pow(16), false, 10, Optional.empty());
  }

  private static Preflight.Report run(Config.Chain chain, Optional<String> signer) {
    ChainClients clients = ChainClients.fromConfig(chain, new RpcSettings(Duration.ofSeconds(3), 1, Duration.ZERO, Duration.ZERO));
    CLOSE.add(clients);
    return new Preflight(chain, clients, signer).run();
  }

  private static List<NamedEndpoint> anvil() {
    return List.of(new NamedEndpoint("anvil", URI.create(devnet.rpcUrl())));
  }

  @Test
  void everyCheckPassesOnTheRightChain() {
    Preflight.Report r = run(chain(anvil(), 1, devnet.addresses().depositContract(), codeHash(), devnet.addresses().deployer()),
        Optional.of(devnet.treasurySigner().getAddress()));
    assertThat(r.passed()).as(r.table()).isTrue();
    assertThat(r.checks()).extracting(Preflight.Check::result).containsOnly(Preflight.Result.PASS);
    assertThat(r.checks()).extracting(Preflight.Check::name).contains("chain id @anvil", "deposit contract code hash",
        "deposit contract owner()", "router active signer", "endpoints agree");
    assertThat(r.table()).contains("preflight passed");
  }

  @Test
  void eachWrongSettingFailsItsOwnRow() {
    String noCode = "0x00000000000000000000000000000000000b0b0b";
    Preflight.Report r = run(chain(anvil(), 1, noCode, "0x" + "ab".repeat(32), "0x" + "11".repeat(20)),
        Optional.of("0x" + "22".repeat(20)));
    assertThat(r.passed()).isFalse();
    assertThat(r.failures()).extracting(Preflight.Check::name).containsExactlyInAnyOrder(
        "code at deposit contract " + noCode, "deposit contract code hash", "deposit contract owner()", "router active signer");
    assertThat(r.table()).contains("FAIL", "preflight FAILED: 4 check(s)");

    Preflight.Report hashOnly = run(chain(anvil(), 1, devnet.addresses().depositContract(), "0x" + "ab".repeat(32),
        devnet.addresses().deployer()), Optional.of(devnet.treasurySigner().getAddress()));
    assertThat(hashOnly.failures()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("deposit contract code hash");
      assertThat(c.detail()).contains(codeHash()).contains("ab".repeat(32));
    });
  }

  @Test
  void anEndpointOnAnotherChainFailsChainIdAndAgreement() throws Exception {
    try (org.centurion.seatmanager.devnet.Anvil other = org.centurion.seatmanager.devnet.Anvil.start(1)) {
      List<NamedEndpoint> endpoints = List.of(new NamedEndpoint("anvil", URI.create(devnet.rpcUrl())),
          new NamedEndpoint("liar", URI.create(other.rpcUrl())));
      Preflight.Report r = run(chain(endpoints, 2, devnet.addresses().depositContract(), codeHash(), devnet.addresses().deployer()),
          Optional.of(devnet.treasurySigner().getAddress()));
      assertThat(r.failures()).extracting(Preflight.Check::name).containsExactlyInAnyOrder("chain id @liar", "endpoints agree");
      assertThat(r.failures()).extracting(Preflight.Check::detail).anySatisfy(d -> assertThat(d).contains("CHAIN_ID_MISMATCH"));
    }
  }

  @Test
  void theCommandPrintsTheTableAndExitsNonZeroOnFailure() throws Exception {
    var a = devnet.addresses();
    String key = Numeric.toHexStringNoPrefixZeroPadded(devnet.treasurySigner().getEcKeyPair().getPrivateKey(), 64);
    String common = "SEAT_MANAGER_ENV=development\n"
        + "SESSION_HMAC_SECRET=" + TestSecrets.hex32() + "\n"
        + "STEP_UP_HMAC_SECRET=" + TestSecrets.hex32() + "\n"
        + "DATABASE_URL=" + TestDatabases.asPostgresUrl(TestDatabases.fresh()) + "\n"
        + "SEAT_MANAGER_WRITES_ENABLED=true\n"
        + "SEAT_MANAGER_OWNER_PRIVATE_KEY=" + key + "\n"
        + "SEAT_MANAGER_EL_RPC_URLS=anvil=" + devnet.rpcUrl() + "\n"
        + "SEAT_MANAGER_DEPOSIT_CONTRACT_ADDRESS=" + a.depositContract() + "\n"
        + "SEAT_MANAGER_VAULT_FACTORY_ADDRESS=" + a.vaultFactory() + "\n"
        + "SEAT_MANAGER_ROUTER_ADDRESS=" + a.treasuryRouter() + "\n"
        + "SEAT_MANAGER_PRINCIPAL_DESTINATION=" + a.principalDestination() + "\n"
        + "SEAT_MANAGER_DEPOSIT_CONTRACT_CODEHASH=" + codeHash() + "\n";

    Result good = preflight(common + "SEAT_MANAGER_OWNER_ADDRESS=" + a.deployer() + "\n");
    assertThat(good.exit()).as(good.out()).isZero();
    assertThat(good.out()).contains("CHECK", "RESULT", "router active signer", "PASS", "preflight passed").doesNotContain(key);

    Result bad = preflight(common + "SEAT_MANAGER_OWNER_ADDRESS=0x" + "11".repeat(20) + "\n");
    assertThat(bad.exit()).isEqualTo(PreflightCommand.EXIT_FAILED);
    assertThat(bad.out()).containsPattern("deposit contract owner\\(\\)\\s+FAIL").contains("preflight FAILED: 1 check(s)");

    Result refused = preflight("SEAT_MANAGER_ENV=development\n");
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).contains("refusing to start", "SESSION_HMAC_SECRET");
  }

  private record Result(int exit, String out, String err) {}

  private Result preflight(String envFile) throws Exception {
    Path env = dir.resolve("env-" + System.nanoTime());
    Files.writeString(env, envFile);
    Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Main.run("preflight", "--env-file", env.toString());
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void aRateLimitedEndpointIsReportedAsTheEndpointsFailureNeverAsARevert() throws Exception {
    try (org.centurion.seatmanager.testing.FaultyRpcProxy proxy = new org.centurion.seatmanager.testing.FaultyRpcProxy(devnet.rpcUrl())) {
      // Alchemy's wording of a rate limit, in a JSON-RPC error body with HTTP 200
      proxy.jsonRpcError("eth_call", 1_000, 429,
          "Your app has exceeded its compute units per second capacity. If you have retries enabled, you can safely ignore this message.");
      Preflight.Report r = run(chain(List.of(new NamedEndpoint("provider", URI.create(proxy.url()))), 1,
          devnet.addresses().depositContract(), codeHash(), devnet.addresses().deployer()),
          Optional.of(devnet.treasurySigner().getAddress()));
      assertThat(r.failures()).extracting(Preflight.Check::name).contains("deposit contract owner()", "router active signer");
      assertThat(r.failures()).extracting(Preflight.Check::detail)
          .allSatisfy(d -> assertThat(d).doesNotContain("CALL_REVERTED"))
          .anySatisfy(d -> assertThat(d).contains("RATE_LIMITED"));
    }
  }

  @Test
  void theAgreementRowNamesPerReadTheEndpointsThatAgreedAndTheReadALiarBreaks() throws Exception {
    try (org.centurion.seatmanager.testing.FaultyRpcProxy proxy = new org.centurion.seatmanager.testing.FaultyRpcProxy(devnet.rpcUrl())) {
      List<NamedEndpoint> two = List.of(new NamedEndpoint("anvil", URI.create(devnet.rpcUrl())),
          new NamedEndpoint("second", URI.create(proxy.url())));
      Config.Chain c = chain(two, 2, devnet.addresses().depositContract(), codeHash(), devnet.addresses().deployer());
      Optional<String> signer = Optional.of(devnet.treasurySigner().getAddress());
      Preflight.Check agree = run(c, signer).checks().stream().filter(k -> k.name().equals("endpoints agree")).findFirst().orElseThrow();
      assertThat(agree.result()).isEqualTo(Preflight.Result.PASS);
      assertThat(agree.detail()).contains("chain head: agreed by anvil, second",
          "deposit contract code and owner: agreed by anvil, second", "router signer and sender nonce: agreed by anvil, second")
          .doesNotContain(proxy.url());

      // the second endpoint reports another nonce for our signer: that read, and only it, is refused
      proxy.lie("eth_getTransactionCount", (req, result) -> tools.jackson.databind.node.StringNode.valueOf("0x7777"));
      Preflight.Check lied = run(c, signer).checks().stream().filter(k -> k.name().equals("endpoints agree")).findFirst().orElseThrow();
      assertThat(lied.result()).isEqualTo(Preflight.Result.FAIL);
      assertThat(lied.detail()).contains("chain head: agreed by anvil, second", "router signer and sender nonce: REFUSED ENDPOINTS_DISAGREE");
    }
  }
}
