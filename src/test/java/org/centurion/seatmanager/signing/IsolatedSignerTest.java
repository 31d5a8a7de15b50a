package org.centurion.seatmanager.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.centurion.seatmanager.signing.SignerTestChain.CHAIN_ID;
import static org.centurion.seatmanager.signing.SignerTestChain.ETHER;
import static org.centurion.seatmanager.signing.SignerTestChain.GWEI;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.RawTransaction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class IsolatedSignerTest {
  private static final String ROUTER = "0x00000000000000000000000000000000000a11ce";
  private static final String SECRET_HEX = "5e".repeat(32);
  private static final BigInteger MAX_VALUE = ETHER.multiply(BigInteger.valueOf(32));
  private static final SignerPolicy POLICY =
      new SignerPolicy(CHAIN_ID, ROUTER, MAX_VALUE, GWEI.multiply(BigInteger.valueOf(100)), BigInteger.valueOf(500_000));
  private static SignerTestChain chain;

  @TempDir Path dir;
  private String keyHex;
  private LocalKeySigner key;
  private ListAppender<ILoggingEvent> logs;

  @BeforeAll
  static void startChain() throws Exception {
    chain = SignerTestChain.start();
  }

  @AfterAll
  static void stopChain() {
    chain.close();
  }

  @BeforeEach
  void freshKey() throws Exception {
    keyHex = LocalKmsDisabledSignerTest.randomKeyHex();
    key = LocalKeySigner.fromHex(keyHex.toCharArray());
    chain.fund(key.address(), ETHER.multiply(BigInteger.valueOf(100)));
    logs = new ListAppender<>();
    logs.start();
    ((Logger) LoggerFactory.getLogger(SignerServer.class)).addAppender(logs);
  }

  @AfterEach
  void detachLogs() {
    ((Logger) LoggerFactory.getLogger(SignerServer.class)).detachAppender(logs);
  }

  private static RawTransaction toRouter(long nonce, BigInteger value) {
    return RawTransaction.createTransaction(
        CHAIN_ID, BigInteger.valueOf(nonce), BigInteger.valueOf(100_000), ROUTER, value, TestPolicies.allowedCall(), GWEI,
        GWEI.multiply(BigInteger.valueOf(50)));
  }

  @Test
  void unixSocketSignerIsMode600AndItsTransactionsLandFromTheKeyAddress() throws Exception {
    Path socket = dir.resolve("signer.sock");
    try (SignerServer server = new SignerServer(key, TestPolicies.policy(POLICY, dir), TestPolicies.log(dir), Optional.empty(), Clock.systemUTC())) {
      server.start(new SignerEndpoint.UnixSocket(socket));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
      assertThat(dir.toFile().list()).containsExactly("signer.sock"); // staging directory removed

      RemoteSigner remote =
          RemoteSigner.connect(new SignerEndpoint.UnixSocket(socket), Optional.empty(), Duration.ofSeconds(5), Clock.systemUTC());
      assertThat(remote.address()).isEqualTo(key.address());
      assertThat(remote.mode()).isEqualTo("remote");
      for (int i = 0; i < 3; i++) {
        SignedTransaction signed = remote.sign(toRouter(i, BigInteger.ZERO), CHAIN_ID);
        chain.sendAndCheck(signed, key.address());
      }
      assertThat(chain.nonce(key.address())).isEqualTo(BigInteger.valueOf(3));
    }
    assertThat(Files.exists(socket)).isFalse();
    assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().startsWith("signer signed tx")).hasSize(3);
    assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(keyHex));
  }

  @Test
  void aClientGroupMakesTheSocketMode660ForThatGroup() throws Exception {
    String group = ((java.nio.file.attribute.GroupPrincipal) Files.getAttribute(dir, "posix:group")).getName();
    Path socket = dir.resolve("grouped.sock");
    try (SignerServer server = new SignerServer(key, TestPolicies.policy(POLICY, dir), TestPolicies.log(dir), Optional.empty(), Clock.systemUTC())) {
      server.start(new SignerEndpoint.UnixSocket(socket, Optional.of(group)));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-rw----");
      assertThat(((java.nio.file.attribute.GroupPrincipal) Files.getAttribute(socket, "posix:group")).getName()).isEqualTo(group);
      RemoteSigner remote =
          RemoteSigner.connect(new SignerEndpoint.UnixSocket(socket), Optional.empty(), Duration.ofSeconds(5), Clock.systemUTC());
      assertThat(remote.address()).isEqualTo(key.address());
    }
  }

  @Test
  void tcpSignerWithSharedSecretSignsWithinPolicyAndRefusesEverythingElse() throws Exception {
    SharedSecret secret = SharedSecret.fromHex(SECRET_HEX);
    try (SignerServer server = new SignerServer(key, TestPolicies.policy(POLICY, dir), TestPolicies.log(dir), Optional.of(secret), Clock.systemUTC())) {
      SignerEndpoint bound = server.start(new SignerEndpoint.LoopbackTcp(0));
      RemoteSigner remote = RemoteSigner.connect(bound, Optional.of(secret), Duration.ofSeconds(5), Clock.systemUTC());
      chain.sendAndCheck(remote.sign(toRouter(0, BigInteger.ZERO), CHAIN_ID), key.address());

      assertRefused(remote, RawTransaction.createTransaction(CHAIN_ID, BigInteger.ONE, BigInteger.valueOf(100_000),
          "0x00000000000000000000000000000000000b0b00", BigInteger.ONE, "0x", GWEI, GWEI), SigningErrorCode.POLICY_TARGET_NOT_ALLOWED);
      assertRefused(remote, toRouter(1, MAX_VALUE.add(BigInteger.ONE)), SigningErrorCode.POLICY_VALUE_CAP);
      assertRefused(remote, RawTransaction.createTransaction(CHAIN_ID, BigInteger.ONE, BigInteger.valueOf(100_000), ROUTER,
          BigInteger.ONE, "0x", GWEI, GWEI.multiply(BigInteger.valueOf(101))), SigningErrorCode.POLICY_FEE_CAP);
      assertRefused(remote, RawTransaction.createTransaction(CHAIN_ID, BigInteger.ONE, BigInteger.valueOf(500_001), ROUTER,
          BigInteger.ONE, "0x", GWEI, GWEI), SigningErrorCode.POLICY_GAS_CAP);
      RawTransaction otherChain = RawTransaction.createTransaction(1L, BigInteger.ONE, BigInteger.valueOf(100_000), ROUTER,
          BigInteger.ONE, "0x", GWEI, GWEI);
      assertThatThrownBy(() -> remote.sign(otherChain, 1L))
          .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo(SigningErrorCode.CHAIN_ID_MISMATCH));

      // refusals changed nothing: nothing was signed, the next nonce is still 1
      assertThat(chain.nonce(key.address())).isEqualTo(BigInteger.ONE);
      chain.sendAndCheck(remote.sign(toRouter(1, BigInteger.ZERO), CHAIN_ID), key.address());

      RemoteSigner wrongSecret = null;
      assertThatThrownBy(() -> RemoteSigner.connect(bound, Optional.of(SharedSecret.fromHex("11".repeat(32))),
              Duration.ofSeconds(5), Clock.systemUTC()))
          .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo(SigningErrorCode.SIGNER_RESPONSE_INVALID));
      assertThat(wrongSecret).isNull();
    }
    assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().startsWith("signer refused")).isNotEmpty();
    assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(keyHex).doesNotContain(SECRET_HEX));
  }

  private static void assertRefused(RemoteSigner remote, RawTransaction tx, SigningErrorCode code) {
    assertThatThrownBy(() -> remote.sign(tx, CHAIN_ID))
        .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void forgedTamperedReplayedAndStaleRequestsAreRejected() throws Exception {
    SharedSecret secret = SharedSecret.fromHex(SECRET_HEX);
    try (SignerServer server = new SignerServer(key, TestPolicies.policy(POLICY, dir), TestPolicies.log(dir), Optional.of(secret), Clock.systemUTC())) {
      SignerEndpoint bound = server.start(new SignerEndpoint.LoopbackTcp(0));
      String body = SignerProtocol.JSON.writeValueAsString(SignerProtocol.signBody(toRouter(0, BigInteger.ZERO)));
      long now = System.currentTimeMillis();

      String good = envelope(secret, now, "00".repeat(16), body, body);
      assertThat(send(bound, good).path("ok").asBoolean()).isTrue();
      assertThat(code(send(bound, good))).isEqualTo("REPLAYED_REQUEST");

      String tampered = envelope(secret, now, "01".repeat(16), body, body.replace("\"value\":\"0\"", "\"value\":\"2\""));
      assertThat(code(send(bound, tampered))).isEqualTo("UNAUTHENTICATED");

      String forged = envelope(SharedSecret.fromHex("22".repeat(32)), now, "02".repeat(16), body, body);
      assertThat(code(send(bound, forged))).isEqualTo("UNAUTHENTICATED");

      String stale = envelope(secret, now - 31_000, "03".repeat(16), body, body);
      assertThat(code(send(bound, stale))).isEqualTo("REPLAYED_REQUEST");

      String future = envelope(secret, now + 31_000, "04".repeat(16), body, body);
      assertThat(code(send(bound, future))).isEqualTo("REPLAYED_REQUEST");

      assertThat(code(send(bound, "not json"))).isEqualTo("BAD_REQUEST");
      String badValue = envelope(secret, now, "05".repeat(16), body.replace("\"value\":\"0\"", "\"value\":\"-1\""),
          body.replace("\"value\":\"0\"", "\"value\":\"-1\""));
      assertThat(code(send(bound, badValue))).isEqualTo("BAD_REQUEST");
    }
  }

  @Test
  void replayGuardUsesTheInjectedClock() {
    Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    ReplayGuard guard = new ReplayGuard(fixed, Duration.ofSeconds(30), 2);
    long t = fixed.millis();
    guard.accept(t, "a");
    assertThatThrownBy(() -> guard.accept(t, "a")).isInstanceOf(SigningException.class);
    guard.accept(t - 29_000, "b");
    assertThatThrownBy(() -> guard.accept(t, "c")).hasMessageContaining("too many"); // full: fails closed
  }

  @Test
  void tcpWithoutSecretAndNonSocketPathsAreRefused() throws Exception {
    try (SignerServer server = new SignerServer(key, TestPolicies.policy(POLICY, dir), TestPolicies.log(dir), Optional.empty(), Clock.systemUTC())) {
      assertThatThrownBy(() -> server.start(new SignerEndpoint.LoopbackTcp(0))).hasMessageContaining("SEAT_MANAGER_SIGNER_SECRET");
    }
    Path regular = Files.writeString(dir.resolve("important.txt"), "keep me");
    try (SignerServer server = new SignerServer(key, TestPolicies.policy(POLICY, dir), TestPolicies.log(dir), Optional.empty(), Clock.systemUTC())) {
      assertThatThrownBy(() -> server.start(new SignerEndpoint.UnixSocket(regular))).hasMessageContaining("not a socket");
    }
    assertThat(Files.readString(regular)).isEqualTo("keep me");
    Path socket = dir.resolve("s.sock");
    try (SignerServer first = new SignerServer(key, TestPolicies.policy(POLICY, dir), TestPolicies.log(dir), Optional.empty(), Clock.systemUTC());
        SignerServer second = new SignerServer(key, TestPolicies.policy(POLICY, dir), TestPolicies.log(dir), Optional.empty(), Clock.systemUTC())) {
      first.start(new SignerEndpoint.UnixSocket(socket));
      assertThatThrownBy(() -> second.start(new SignerEndpoint.UnixSocket(socket))).hasMessageContaining("already listening");
    }
  }

  @Test
  void kmsBackedIsolatedSignerNormalisesHighS() throws Exception {
    try (FakeKms kms = new FakeKms("isolated-kms", "ECC_SECG_P256K1");
        KmsSigner kmsSigner = LocalKmsDisabledSignerTest.kmsSigner(kms, "isolated-kms");
        SignerServer server = new SignerServer(kmsSigner, TestPolicies.policy(POLICY, dir), TestPolicies.log(dir), Optional.empty(), Clock.systemUTC())) {
      chain.fund(kmsSigner.address(), ETHER.multiply(BigInteger.TEN));
      Path socket = dir.resolve("kms.sock");
      server.start(new SignerEndpoint.UnixSocket(socket));
      RemoteSigner remote =
          RemoteSigner.connect(new SignerEndpoint.UnixSocket(socket), Optional.empty(), Duration.ofSeconds(5), Clock.systemUTC());
      assertThat(remote.address()).isEqualToIgnoringCase(kms.expectedAddress());
      for (int i = 0; i < 12; i++) {
        chain.sendAndCheck(remote.sign(toRouter(i, BigInteger.ZERO), CHAIN_ID), kms.expectedAddress());
      }
      assertThat(kms.highSReturned()).isPositive();
    }
  }

  @Test
  void remoteSignerTimesOutOnASilentPeer() throws Exception {
    Path socket = dir.resolve("silent.sock");
    try (var silent = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      silent.bind(new SignerEndpoint.UnixSocket(socket).address());
      long start = System.nanoTime();
      assertThatThrownBy(() -> RemoteSigner.connect(new SignerEndpoint.UnixSocket(socket), Optional.empty(),
              Duration.ofMillis(500), Clock.systemUTC()))
          .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo(SigningErrorCode.SIGNER_UNAVAILABLE));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
    assertThatThrownBy(() -> RemoteSigner.connect(new SignerEndpoint.UnixSocket(dir.resolve("none.sock")), Optional.empty(),
            Duration.ofMillis(500), Clock.systemUTC()))
        .isInstanceOfSatisfying(SigningException.class, e -> assertThat(e.code()).isEqualTo(SigningErrorCode.SIGNER_UNAVAILABLE));
  }

  private static String envelope(SharedSecret secret, long ts, String nonce, String macBody, String sentBody) {
    ObjectNode env = SignerProtocol.JSON.createObjectNode();
    env.put("timestamp", ts);
    env.put("nonce", nonce);
    env.put("body", sentBody);
    env.put("mac", HexFormat.of().formatHex(secret.mac(SignerProtocol.requestMacInput(ts, nonce, macBody))));
    return SignerProtocol.JSON.writeValueAsString(env);
  }

  private static JsonNode send(SignerEndpoint endpoint, String frame) throws IOException {
    try (SocketChannel ch = endpoint.connect()) {
      SignerProtocol.writeFrame(ch, frame);
      return SignerProtocol.parse(SignerProtocol.text(SignerProtocol.parse(SignerProtocol.readFrame(ch)), "body"));
    }
  }

  private static String code(JsonNode result) {
    assertThat(result.path("ok").asBoolean()).isFalse();
    return result.path("code").asString();
  }
}
