package org.centurion.seatmanager.signing;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.web3j.crypto.RawTransaction;

/**
 * Cost of one treasury signature per signer kind: local key in process, KMS (the fake on
 * loopback, so this is the client's overhead plus one HTTP round trip), and the isolated signer
 * over a Unix socket. Run: java -cp test-classes:classes:deps org.openjdk.jmh.Main SigningBenchmark
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SigningBenchmark {
  private static final String ROUTER = "0x00000000000000000000000000000000000a11ce";
  private LocalKeySigner local;
  private FakeKms fakeKms;
  private KmsSigner kms;
  private SignerServer server;
  private RemoteSigner remote;
  private Path dir;
  private long nonce;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    org.slf4j.LoggerFactory.getLogger(SigningBenchmark.class); // logging configured before timing
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("ROOT")).setLevel(ch.qos.logback.classic.Level.WARN);
    local = LocalKeySigner.fromHex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318".toCharArray());
    fakeKms = new FakeKms("bench", "ECC_SECG_P256K1");
    kms = LocalKmsDisabledSignerTest.kmsSigner(fakeKms, "bench");
    dir = Files.createTempDirectory("signer-bench");
    server = new SignerServer(local, TestPolicies.policy(new SignerPolicy(286, ROUTER, BigInteger.TEN.pow(20),
        BigInteger.TEN.pow(12), BigInteger.valueOf(1_000_000)), dir), TestPolicies.log(dir), Optional.empty(), Clock.systemUTC());
    server.start(new SignerEndpoint.UnixSocket(dir.resolve("s.sock")));
    remote = RemoteSigner.connect(new SignerEndpoint.UnixSocket(dir.resolve("s.sock")), Optional.empty(), Duration.ofSeconds(5),
        Clock.systemUTC());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    server.close();
    kms.close();
    fakeKms.close();
    Files.deleteIfExists(dir);
  }

  private RawTransaction next() {
    return RawTransaction.createTransaction(286, BigInteger.valueOf(nonce++), BigInteger.valueOf(100_000), ROUTER,
        BigInteger.ZERO, TestPolicies.allowedCall(), BigInteger.TEN.pow(9), BigInteger.TEN.pow(10));
  }

  @Benchmark
  public SignedTransaction localKey() {
    return local.sign(next(), 286);
  }

  @Benchmark
  public SignedTransaction kmsViaFakeOnLoopback() {
    return kms.sign(next(), 286);
  }

  @Benchmark
  public SignedTransaction isolatedSignerOverUnixSocket() {
    return remote.sign(next(), 286);
  }
}
