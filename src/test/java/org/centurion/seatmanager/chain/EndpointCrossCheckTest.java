package org.centurion.seatmanager.chain;

import org.centurion.seatmanager.config.NamedEndpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.centurion.seatmanager.chain.EndpointCrossCheck.CrossCheckFailedException;
import org.centurion.seatmanager.chain.EndpointCrossCheck.Observation;
import org.centurion.seatmanager.chain.EndpointCrossCheck.Policy;
import org.centurion.seatmanager.chain.EndpointCrossCheck.Status;
import org.centurion.seatmanager.devnet.Anvil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * Real anvils with identical genesis (same chain id, mnemonic and genesis timestamp) and identical
 * mined blocks produce identical block hashes, so two of them behave like two honest nodes of one
 * chain. Others lie about the chain id, lag, fork, or never answer.
 */
class EndpointCrossCheckTest {
  private static final String DEV_ACCOUNT = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
  private static final String PROBE = "0x000000000000000000000000000000000000beef";
  private static final RpcSettings FAST = new RpcSettings(Duration.ofMillis(400), 2, Duration.ofMillis(50), Duration.ofMillis(50));
  private static final List<AutoCloseable> toClose = new ArrayList<>();
  private static ExecutionClient a;
  private static ExecutionClient b;
  private static ExecutionClient liar;
  private static ExecutionClient lagging;
  private static ExecutionClient forked;
  private static ExecutionClient silent;
  private static SilentEndpoint silentServer;

  @BeforeAll
  static void startNodes() throws Exception {
    a = node("a", 286, 20, false);
    b = node("b", 286, 20, false);
    liar = node("liar", 287, 20, false);
    lagging = node("lagging", 286, 5, false);
    forked = node("forked", 286, 20, true);
    silentServer = new SilentEndpoint();
    toClose.add(silentServer);
    silent = new ExecutionClient(new NamedEndpoint("silent", silentServer.url()), FAST);
    toClose.add(silent);
  }

  @AfterAll
  static void stopNodes() throws Exception {
    for (AutoCloseable c : toClose.reversed()) {
      c.close();
    }
  }

  private static ExecutionClient node(String label, long chainId, int blocks, boolean divergentState) throws Exception {
    Anvil anvil = Anvil.start(chainId, Anvil.freePort(), List.of("--timestamp", "1700000000"));
    toClose.add(anvil);
    HttpService http = new HttpService(anvil.rpcUrl());
    if (divergentState) {
      rpc(http, "anvil_setBalance", PROBE, "0x1");
    }
    // anvil times blocks by the wall clock since its start; pin the first timestamp instead
    rpc(http, "evm_setNextBlockTimestamp", "0x6553f10c");
    rpc(http, "anvil_mine", Numeric.toHexStringWithPrefix(BigInteger.valueOf(blocks)), "0xc");
    ExecutionClient client = new ExecutionClient(new NamedEndpoint(label, URI.create(anvil.rpcUrl())), FAST);
    toClose.add(client);
    return client;
  }

  private static void rpc(HttpService http, String method, Object... params) throws Exception {
    var r = new Request<>(method, List.of(params), http, org.centurion.seatmanager.signing.SignerTestChain.VoidResponse.class).send();
    assertThat(r.hasError()).as(method).isFalse();
  }

  private static Policy policy(int minAgreeing) {
    return new Policy(286, minAgreeing, 3, Duration.ofSeconds(5));
  }

  private static BigInteger balanceAtPinned(ExecutionClient c, BigInteger block) {
    return c.balance(DEV_ACCOUNT, DefaultBlockParameter.valueOf(block));
  }

  private static Observation of(CrossCheckFailedException e, String label) {
    return e.observations().stream().filter(o -> o.label().equals(label)).findFirst().orElseThrow();
  }

  @Test
  void twoHonestNodesAgreeAtThePinnedBlock() {
    var result = new EndpointCrossCheck(List.of(a, b), policy(2)).agree("dev balance", EndpointCrossCheckTest::balanceAtPinned);
    assertThat(result.value()).isEqualTo(new BigInteger("10000000000000000000000"));
    assertThat(result.blockNumber()).isEqualTo(20);
    assertThat(result.blockHash()).isEqualTo(a.block(BigInteger.valueOf(20)).hash()).isEqualTo(b.block(BigInteger.valueOf(20)).hash());
    assertThat(result.degraded()).isEmpty();
    assertThat(new EndpointCrossCheck(List.of(a, b), policy(2)).heads().blockNumber()).isEqualTo(20);
  }

  @Test
  void aQuorumLargerThanTheEndpointListIsAConfigurationError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EndpointCrossCheck(List.of(a, b), policy(3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SEAT_MANAGER_MIN_AGREEING_ENDPOINTS");
  }

  @Test
  void anEndpointOnAnotherChainIdAlwaysBlocks() {
    var e = catchThrowableOfType(CrossCheckFailedException.class,
        () -> new EndpointCrossCheck(List.of(a, b, liar), policy(2)).agree("dev balance", EndpointCrossCheckTest::balanceAtPinned));
    assertThat(e.code()).isEqualTo(ChainErrorCode.CHAIN_ID_MISMATCH);
    assertThat(of(e, "liar").status()).isEqualTo(Status.WRONG_CHAIN);
    assertThat(of(e, "liar").chainId()).isEqualTo(287);
    assertThat(e.getMessage()).contains("dev balance").contains("liar: WRONG_CHAIN chainId=287").contains("a: ").contains("b: ");
  }

  @Test
  void aLaggingEndpointBlocksWhenItIsNeededAndIsReportedWhenItIsNot() {
    var e = catchThrowableOfType(CrossCheckFailedException.class,
        () -> new EndpointCrossCheck(List.of(a, b, lagging), policy(3)).agree("dev balance", EndpointCrossCheckTest::balanceAtPinned));
    assertThat(e.code()).isEqualTo(ChainErrorCode.ENDPOINTS_LAGGING);
    assertThat(of(e, "lagging").status()).isEqualTo(Status.LAGGING);
    assertThat(of(e, "lagging").head()).isEqualTo(5);
    assertThat(e.getMessage()).contains("15 blocks behind");

    var e2 = catchThrowableOfType(CrossCheckFailedException.class,
        () -> new EndpointCrossCheck(List.of(a, lagging), policy(2)).heads());
    assertThat(e2.code()).isEqualTo(ChainErrorCode.ENDPOINTS_LAGGING);

    var passed = new EndpointCrossCheck(List.of(a, b, lagging), policy(2)).agree("dev balance", EndpointCrossCheckTest::balanceAtPinned);
    assertThat(passed.blockNumber()).isEqualTo(20);
    assertThat(passed.degraded()).singleElement().satisfies(o -> {
      assertThat(o.label()).isEqualTo("lagging");
      assertThat(o.status()).isEqualTo(Status.LAGGING);
    });
  }

  @Test
  void aTimingOutEndpointBlocksWhenItIsNeededWithinBoundedTime() {
    long t0 = System.nanoTime();
    var e = catchThrowableOfType(CrossCheckFailedException.class,
        () -> new EndpointCrossCheck(List.of(a, b, silent), policy(3)).agree("dev balance", EndpointCrossCheckTest::balanceAtPinned));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    assertThat(e.code()).isEqualTo(ChainErrorCode.ENDPOINT_UNAVAILABLE);
    assertThat(of(e, "silent").status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(of(e, "silent").detail()).contains("ENDPOINT_UNAVAILABLE");

    var passed = new EndpointCrossCheck(List.of(a, b, silent), policy(2)).agree("dev balance", EndpointCrossCheckTest::balanceAtPinned);
    assertThat(passed.degraded()).extracting(Observation::label).containsExactly("silent");
  }

  @Test
  void theCrossCheckDeadlineHoldsEvenWhenAClientsOwnTimeoutIsLong() throws Exception {
    try (ExecutionClient slow = new ExecutionClient(new NamedEndpoint("slow", silentServer.url()), RpcSettings.defaults())) {
      long t0 = System.nanoTime();
      var e = catchThrowableOfType(CrossCheckFailedException.class,
          () -> new EndpointCrossCheck(List.of(a, slow), new Policy(286, 2, 3, Duration.ofSeconds(1))).heads());
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
      assertThat(e.code()).isEqualTo(ChainErrorCode.ENDPOINT_UNAVAILABLE);
      assertThat(of(e, "slow").detail()).contains("no answer within 1000 ms");
    }
  }

  @Test
  void aForkedNodeDisagreesOnTheBlockHash() {
    var e = catchThrowableOfType(CrossCheckFailedException.class,
        () -> new EndpointCrossCheck(List.of(a, b, forked), policy(2)).agree("dev balance", EndpointCrossCheckTest::balanceAtPinned));
    assertThat(e.code()).isEqualTo(ChainErrorCode.ENDPOINTS_DISAGREE);
    assertThat(e.getMessage()).contains("different block hashes at block 20");
    assertThat(of(e, "forked").status()).isEqualTo(Status.DISAGREED);
  }

  @Test
  void differentAnswersForTheSameReadBlock() throws Exception {
    HttpService bHttp = new HttpService(b.endpoint().url().toString());
    rpc(bHttp, "anvil_setBalance", PROBE, "0x2a");
    try {
      var e = catchThrowableOfType(CrossCheckFailedException.class,
          () -> new EndpointCrossCheck(List.of(a, b), policy(1))
              .agree("probe balance", (c, block) -> c.balance(PROBE, DefaultBlockParameterName.LATEST)));
      assertThat(e.code()).isEqualTo(ChainErrorCode.ENDPOINTS_DISAGREE);
      assertThat(e.getMessage()).contains("different answers").contains("a: DISAGREED").contains("answer=0").contains("answer=42");
    } finally {
      rpc(bHttp, "anvil_setBalance", PROBE, "0x0");
    }
  }
}
