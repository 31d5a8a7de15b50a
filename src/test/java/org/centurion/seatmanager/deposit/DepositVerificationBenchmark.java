package org.centurion.seatmanager.deposit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;
import supranational.blst.SecretKey;

/**
 * Deposit signature verification throughput; numbers and how to run it are in docs/performance.md.
 *
 * <ul>
 *   <li>{@code single*}: one deposit at a time on one thread, from bytes (decompress, infinity and
 *       subgroup checks, hash to G2, two Miller loops, final exponentiation).
 *   <li>{@code blstFloor}: blst's own verify on points decoded in advance: the cost under which no
 *       from-bytes verification can go.
 *   <li>{@code batch}: {@link BatchVerifier} over {@code size} deposits from bytes, with
 *       {@code workers} threads; ops/s times size is deposits per second.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DepositVerificationBenchmark {

  /** 1,024 distinct signed deposits, made once per trial. */
  @State(Scope.Benchmark)
  public static class Deposits {
    static final ForkVersion FORK = ForkVersion.parse("0x01017000");
    static final byte[] VAULT = Hex.decode("f0179dec45a37423ead4fad5fcb136197872ead9");
    final List<SignedMessage> items = new ArrayList<>();
    final List<DepositDataEntry> entries = new ArrayList<>();
    P1_Affine[] keys;
    P2_Affine[] sigs;

    @Setup(Level.Trial)
    public void make() {
      ManagedKeyGenerator signer = new ManagedKeyGenerator(FORK, new KeystoreKdf.Pbkdf2(1), new java.security.SecureRandom(), "bench", "bench");
      byte[] wc = SeatExpectation.withdrawalCredentialsFor(VAULT);
      keys = new P1_Affine[1024];
      sigs = new P2_Affine[1024];
      for (int i = 0; i < 1024; i++) {
        byte[] ikm = new byte[32];
        ikm[0] = (byte) i;
        ikm[1] = (byte) (i >> 8);
        SecretKey sk = new SecretKey();
        sk.keygen(ikm);
        DepositDataEntry e = signer.signDeposit(sk, wc);
        entries.add(e);
        byte[] root = DepositSsz.depositSigningRoot(e.pubkey(), e.withdrawalCredentials(), e.amountGwei(), FORK);
        items.add(new SignedMessage(e.pubkey(), root, e.signature()));
        keys[i] = new P1_Affine(e.pubkey());
        sigs[i] = new P2_Affine(e.signature());
      }
    }
  }

  @State(Scope.Thread)
  public static class Cursor {
    int next;

    int take() {
      int i = next;
      next = (next + 1) & 1023;
      return i;
    }
  }

  @State(Scope.Benchmark)
  public static class Batch {
    @Param({"64", "1024"})
    int size;

    @Param({"1", "2"})
    int workers;

    BatchVerifier verifier;
    List<SignedMessage> slice;

    @Setup(Level.Trial)
    public void prepare(Deposits deposits) {
      verifier = new BatchVerifier(workers);
      slice = List.copyOf(deposits.items.subList(0, size));
    }
  }

  @State(Scope.Benchmark)
  public static class FullChecks {
    DepositDataVerifier verifier;

    @Setup(Level.Trial)
    public void prepare() {
      verifier = new DepositDataVerifier(Deposits.FORK, true, new BatchVerifier(1));
    }
  }

  @Benchmark
  @Threads(1)
  public SignatureOutcome singleFromBytes(Deposits d, Cursor c) {
    return BatchVerifier.verifySingle(d.items.get(c.take()));
  }

  @Benchmark
  @Threads(1)
  public boolean singleEntryAllChecks(Deposits d, Cursor c, FullChecks f) {
    DepositDataEntry e = d.entries.get(c.take());
    return f.verifier.verify(List.of(e), SeatExpectation.of(e.pubkey(), Deposits.VAULT)).passed();
  }

  @Benchmark
  @Threads(1)
  public boolean blstFloor(Deposits d, Cursor c) {
    int i = c.take();
    return Bls.verify(d.keys[i], d.items.get(i).message(), d.sigs[i]);
  }

  @Benchmark
  @Threads(1)
  public List<SignatureOutcome> batch(Batch b) {
    return b.verifier.verify(b.slice);
  }
}
