package org.centurion.seatmanager.chain;

import org.centurion.seatmanager.config.NamedEndpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.centurion.seatmanager.signing.SignerTestChain.CHAIN_ID;
import static org.centurion.seatmanager.signing.SignerTestChain.ETHER;
import static org.centurion.seatmanager.signing.SignerTestChain.GWEI;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.centurion.seatmanager.signing.LocalKeySigner;
import org.centurion.seatmanager.signing.SignedTransaction;
import org.centurion.seatmanager.signing.SignerTestChain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

class ExecutionClientTest {
  private static final String ROUTER = "0x00000000000000000000000000000000000a11ce";
  private static final String REVERTER = "0x000000000000000000000000000000000000dead";
  private static final RpcSettings FAST = new RpcSettings(Duration.ofMillis(400), 3, Duration.ofMillis(50), Duration.ofMillis(100));
  private static SignerTestChain chain;
  private static ExecutionClient client;

  @BeforeAll
  static void start() throws Exception {
    chain = SignerTestChain.start();
    client = new ExecutionClient(new NamedEndpoint("a", URI.create(chain.rpcUrl())), RpcSettings.defaults());
  }

  @AfterAll
  static void stop() {
    client.close();
    chain.close();
  }

  @Test
  void readsChainIdHeadAndBlocks() {
    assertThat(client.chainId()).isEqualTo(CHAIN_ID);
    BigInteger head = client.blockNumber();
    BlockHeader b = client.block(head);
    assertThat(b.number()).isEqualTo(head);
    assertThat(b.hash()).matches("0x[0-9a-f]{64}");
    assertThat(b.baseFeePerGas()).isPresent();
    // no block at that height is its own code: a lagging backend, never mistaken for a changed hash
    assertThatThrownBy(() -> client.block(head.add(BigInteger.valueOf(1000))))
        .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.code()).isEqualTo(ChainErrorCode.BLOCK_UNAVAILABLE));
  }

  /** The pipeline's two steps: sign at a chosen nonce without sending, then broadcast the bytes. */
  @Test
  void signAtANonceThenBroadcastSeparatelyWithOracleFees() throws Exception {
    LocalKeySigner signer = LocalKeySigner.fromHex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318".toCharArray());
    chain.fund(signer.address(), ETHER);
    FeeOracle oracle = new FeeOracle(FeePolicy.withCapGwei(100));
    FeeSuggestion fees = oracle.suggest(client);
    assertThat(fees.maxFeePerGas()).isGreaterThanOrEqualTo(fees.nextBaseFeePerGas().add(fees.maxPriorityFeePerGas()));
    assertThat(fees.maxPriorityFeePerGas()).isGreaterThanOrEqualTo(GWEI.divide(BigInteger.TEN));

    BigInteger nonce = client.transactionCount(signer.address(), DefaultBlockParameterName.PENDING);
    BigInteger gas = client.estimateGas(signer.address(), ROUTER, BigInteger.ONE, "0x");
    RawTransaction tx = RawTransaction.createTransaction(CHAIN_ID, nonce, gas, ROUTER, BigInteger.ONE, "0x",
        fees.maxPriorityFeePerGas(), fees.maxFeePerGas());
    SignedTransaction signed = signer.sign(tx, CHAIN_ID);
    assertThat(client.transaction(signed.hash())).isEmpty(); // signing sent nothing
    assertThat(client.broadcast(signed)).isEqualTo(signed.hash());
    // anvil automines, but the receipt can trail the send by a moment
    var receipt = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> client.receipt(signed.hash()), java.util.Optional::isPresent).orElseThrow();
    assertThat(receipt.isStatusOK()).isTrue();
    assertThat(receipt.getFrom()).isEqualToIgnoringCase(signer.address());

    // the same bytes again, or a new tx at a used nonce, are refused by the node with a stable code
    RawTransaction stale = RawTransaction.createTransaction(CHAIN_ID, nonce, gas, ROUTER, BigInteger.TWO, "0x",
        fees.maxPriorityFeePerGas(), fees.maxFeePerGas());
    assertThatThrownBy(() -> client.broadcast(signer.sign(stale, CHAIN_ID)))
        .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.code()).isEqualTo(ChainErrorCode.BROADCAST_REJECTED));
  }

  /** After a crash the pipeline re-sends the recorded bytes; the node already holding them is fine. */
  @Test
  void rebroadcastingThePendingBytesIsIdempotent() throws Exception {
    LocalKeySigner signer = LocalKeySigner.fromHex("8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f".toCharArray());
    chain.fund(signer.address(), ETHER);
    HttpService http = new HttpService(chain.rpcUrl());
    new Request<>("evm_setAutomine", List.of(false), http, SignerTestChain.VoidResponse.class).send();
    try {
      SignedTransaction signed = signer.sign(RawTransaction.createTransaction(CHAIN_ID, BigInteger.ZERO, BigInteger.valueOf(21000),
          ROUTER, BigInteger.ONE, "0x", GWEI, GWEI.multiply(BigInteger.valueOf(50))), CHAIN_ID);
      assertThat(client.broadcast(signed)).isEqualTo(signed.hash());
      assertThat(client.broadcast(signed)).isEqualTo(signed.hash());
      assertThat(client.receipt(signed.hash())).isEmpty();
      new Request<>("evm_mine", List.of(), http, SignerTestChain.VoidResponse.class).send();
      assertThat(client.receipt(signed.hash())).hasValueSatisfying(r -> assertThat(r.isStatusOK()).isTrue());
    } finally {
      new Request<>("evm_setAutomine", List.of(true), http, SignerTestChain.VoidResponse.class).send();
    }
  }

  @Test
  void feeOracleStaysUnderTheCapOrRefuses() {
    FeeSuggestion free = new FeeOracle(FeePolicy.withCapGwei(1000)).suggest(client);
    BigInteger needed = free.nextBaseFeePerGas().add(free.maxPriorityFeePerGas());
    BigInteger between = needed.add(BigInteger.ONE);
    FeeSuggestion clamped = new FeeOracle(new FeePolicy(between, GWEI.divide(BigInteger.TEN), 10, 50)).suggest(client);
    assertThat(clamped.maxFeePerGas()).isEqualTo(between);
    assertThatThrownBy(() -> new FeeOracle(new FeePolicy(needed.subtract(BigInteger.ONE), GWEI.divide(BigInteger.TEN), 10, 50)).suggest(client))
        .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.code()).isEqualTo(ChainErrorCode.FEE_CAP_EXCEEDED));
  }

  @Test
  void replacementFeesRiseByTheMinimumBumpAndRespectTheCap() {
    FeeOracle oracle = new FeeOracle(FeePolicy.withCapGwei(100));
    FeeSuggestion previous = new FeeSuggestion(GWEI.multiply(BigInteger.valueOf(40)), GWEI.multiply(BigInteger.TWO), GWEI);
    FeeSuggestion quiet = new FeeSuggestion(GWEI.multiply(BigInteger.valueOf(3)), GWEI.divide(BigInteger.TEN), GWEI);
    FeeSuggestion r = oracle.replacement(previous, quiet);
    assertThat(r.maxFeePerGas()).isEqualTo(new BigInteger("45200000000"));
    assertThat(r.maxPriorityFeePerGas()).isEqualTo(new BigInteger("2260000000"));
    FeeSuggestion near = new FeeSuggestion(GWEI.multiply(BigInteger.valueOf(90)), GWEI, GWEI);
    assertThatThrownBy(() -> oracle.replacement(near, quiet))
        .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.code()).isEqualTo(ChainErrorCode.FEE_CAP_EXCEEDED));
  }

  @Test
  void revertedCallsCarryRevertDataThatTheDecoderReads() throws Exception {
    String data = RevertDecoderTest.revertData("ValueTooHigh(uint256,uint256)",
        List.<Type>of(new Uint256(BigInteger.valueOf(33)), new Uint256(BigInteger.valueOf(32))));
    setCode(REVERTER, revertingRuntime(Numeric.hexStringToByteArray(data)));
    ContractRevertedException e = (ContractRevertedException) org.assertj.core.api.Assertions.catchThrowable(
        () -> client.call(null, REVERTER, "0x", DefaultBlockParameterName.LATEST));
    assertThat(e.code()).isEqualTo(ChainErrorCode.CALL_REVERTED);
    assertThat(e.revertData()).contains(data);
    assertThat(new RevertDecoder(RevertDecoderTest.SIGNATURES).decode(e.revertData().orElseThrow())).isEqualTo("ValueTooHigh(33, 32)");
    assertThatThrownBy(() -> client.estimateGas(ROUTER, REVERTER, BigInteger.ZERO, "0x"))
        .isInstanceOf(ContractRevertedException.class);
  }

  @Test
  void readsAreRetriedAndBoundedWhileBroadcastsAreTriedOnce() throws Exception {
    try (SilentEndpoint silent = new SilentEndpoint();
        ExecutionClient hung = new ExecutionClient(new NamedEndpoint("t", silent.url()), FAST)) {
      long t0 = System.nanoTime();
      assertThatThrownBy(hung::blockNumber)
          .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.code()).isEqualTo(ChainErrorCode.ENDPOINT_UNAVAILABLE))
          .hasMessageContaining("after 3 attempt(s)");
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertThat(took).isBetween(Duration.ofMillis(3 * 400), Duration.ofMillis(3 * 400 + 2000));
      assertThat(silent.connectionsAccepted()).isEqualTo(3);

      LocalKeySigner signer = LocalKeySigner.fromHex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318".toCharArray());
      SignedTransaction signed = signer.sign(RawTransaction.createTransaction(CHAIN_ID, BigInteger.valueOf(99), BigInteger.valueOf(21000),
          ROUTER, BigInteger.ONE, "0x", GWEI, GWEI), CHAIN_ID);
      assertThatThrownBy(() -> hung.broadcast(signed))
          .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.code()).isEqualTo(ChainErrorCode.ENDPOINT_UNAVAILABLE))
          .hasMessageContaining("outcome unknown");
      assertThat(silent.connectionsAccepted()).isEqualTo(4);
    }
  }

  @Test
  void behindAProviderOnlyARealRevertIsARevertAndRetryAfterIsHonoured() throws Exception {
    byte[] data = Numeric.hexStringToByteArray("0x08c379a0" + "00".repeat(31) + "20" + "00".repeat(31) + "02" + "6e6f" + "00".repeat(30));
    setCode(REVERTER, revertingRuntime(data));
    try (org.centurion.seatmanager.testing.FaultyRpcProxy proxy = new org.centurion.seatmanager.testing.FaultyRpcProxy(chain.rpcUrl());
        ExecutionClient provider = new ExecutionClient(new NamedEndpoint("provider", URI.create(proxy.url())), FAST)) {
      // the real revert still is one, with its data, through the proxy
      assertThatThrownBy(() -> provider.call(null, REVERTER, "0x", DefaultBlockParameterName.LATEST))
          .isInstanceOfSatisfying(ContractRevertedException.class, e -> assertThat(e.revertData()).isPresent());

      // "header not found" on every try: the endpoint's failure, never CALL_REVERTED
      proxy.jsonRpcError("eth_estimateGas", 100, -32000, "header not found");
      assertThatThrownBy(() -> provider.estimateGas(ROUTER, ROUTER, BigInteger.ZERO, "0x"))
          .isInstanceOfSatisfying(ChainException.class, e -> {
            assertThat(e).isNotInstanceOf(ContractRevertedException.class);
            assertThat(e.code()).isEqualTo(ChainErrorCode.RPC_ERROR);
          });
      assertThat(proxy.requests("eth_estimateGas")).isEqualTo(FAST.readAttempts());

      // once: retried within the call, which succeeds
      proxy.jsonRpcError("eth_call", 1, -32000, "header not found");
      assertThat(provider.call(null, ROUTER, "0x", DefaultBlockParameterName.LATEST)).isEqualTo("0x");

      // HTTP 429 with Retry-After: 1 twice: the client waits the second the provider asked for, then succeeds
      proxy.http429(2, "1");
      long began = System.nanoTime();
      assertThat(provider.blockNumber()).isNotNegative();
      assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(1_900));

      // 429 on every try: RATE_LIMITED, the endpoint's failure
      proxy.http429(100, null);
      assertThatThrownBy(provider::blockNumber)
          .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.code()).isEqualTo(ChainErrorCode.RATE_LIMITED));
    }
  }

  private static void setCode(String address, byte[] code) throws Exception {
    HttpService http = new HttpService(chain.rpcUrl());
    var r = new Request<>("anvil_setCode", List.of(address, Numeric.toHexString(code)), http, SignerTestChain.VoidResponse.class).send();
    assertThat(r.hasError()).isFalse();
  }

  /** Runtime code that reverts with exactly {@code data}: MSTORE each 32-byte word, then REVERT. */
  static byte[] revertingRuntime(byte[] data) {
    var out = new java.io.ByteArrayOutputStream();
    for (int off = 0; off < data.length; off += 32) {
      byte[] word = new byte[32];
      System.arraycopy(data, off, word, 0, Math.min(32, data.length - off));
      out.write(0x7f); // PUSH32 word
      out.writeBytes(word);
      out.write(0x61); // PUSH2 offset
      out.write(off >> 8);
      out.write(off & 0xff);
      out.write(0x52); // MSTORE
    }
    out.write(0x61); // PUSH2 length
    out.write(data.length >> 8);
    out.write(data.length & 0xff);
    out.write(0x60); // PUSH1 0
    out.write(0x00);
    out.write(0xfd); // REVERT(offset 0, length)
    return out.toByteArray();
  }
}
