package org.centurion.seatmanager.deposit;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.Pairing;

/**
 * Checks many deposit signatures at once. Each signature and key is weighted by a fresh random 64-bit
 * scalar, and one multi-pairing checks {@code prod e(r_i * pk_i, H(m_i)) == e(g1, sum r_i * sig_i)}: one
 * Miller loop per entry and a single final exponentiation instead of two loops and an exponentiation per
 * entry; the weighted signatures are summed by {@link G2LinearCombination}, which shares the doublings
 * between all entries. A forger would have to predict the scalars, which come from {@link SecureRandom}.
 * When the batch fails, every entry is checked on its own so that the bad ones can be named.
 */
public final class BatchVerifier {
  private static final P1_Affine NEG_G1 = supranational.blst.blst.getBLS12_381_NEG_G1();

  private final int parallelism;
  private final SecureRandom random;

  /** @param parallelism worker threads for one batch; the number of cores is the sensible value */
  public BatchVerifier(int parallelism, SecureRandom random) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    this.parallelism = parallelism;
    this.random = random;
  }

  public BatchVerifier(int parallelism) {
    this(parallelism, new SecureRandom());
  }

  /** One outcome per item, in the same order. */
  public List<SignatureOutcome> verify(List<SignedMessage> items) {
    if (items.isEmpty()) {
      return List.of();
    }
    if (items.size() == 1) {
      return List.of(verifySingle(items.get(0)));
    }
    int workers = Math.min(parallelism, items.size());
    Slice[] slices = new Slice[workers];
    long[] weights = weights(items.size());
    runParallel(workers, w -> slices[w] = aggregateSlice(items, weights, w, workers));

    // A slice whose every entry was rejected before the pairing holds nothing to merge.
    Pairing combined = null;
    boolean aggregated = true;
    for (Slice slice : slices) {
      aggregated &= slice.aggregated();
      if (!slice.holdsPairs()) {
        continue;
      }
      if (combined == null) {
        combined = slice.pairing();
      } else if (combined.merge(slice.pairing()) != BLST_ERROR.BLST_SUCCESS) {
        aggregated = false;
      }
    }
    SignatureOutcome[] outcomes = new SignatureOutcome[items.size()];
    for (Slice slice : slices) {
      for (int i = 0; i < slice.indexes().length; i++) {
        outcomes[slice.indexes()[i]] = slice.outcomes()[i];
      }
    }
    boolean anyToCheck = Arrays.stream(outcomes).anyMatch(o -> o == SignatureOutcome.VALID);
    if (anyToCheck && aggregated && combined != null && combined.finalverify()) {
      // Only the points that went into the accumulator are VALID here; every other one already has its
      // failure outcome.
      return List.of(outcomes);
    }
    if (anyToCheck) {
      nameTheBadOnes(slices, outcomes, workers);
    }
    return List.of(outcomes);
  }

  /**
   * Parse, group-check and verify one signature on the calling thread. Instead of blst's
   * {@code core_verify} (two separate Miller loops) it checks {@code e(pk, H(m)) * e(-g1, sig) == 1} with
   * both pairs in one multi-Miller loop, which is the same equation at less cost.
   */
  public static SignatureOutcome verifySingle(SignedMessage item) {
    Optional<P1_Affine> pk = Bls.publicKey(item.publicKey());
    if (pk.isEmpty()) {
      return SignatureOutcome.PUBKEY_INVALID;
    }
    Optional<P2_Affine> sig = Bls.signatureOnCurve(item.signature());
    if (sig.isEmpty() || !sig.get().in_group()) {
      return SignatureOutcome.SIGNATURE_POINT_INVALID;
    }
    // Neither aggregate (without a signature) nor raw_aggregate checks a point: both were checked above.
    Pairing pairing = new Pairing(true, Bls.DST);
    if (pairing.aggregate(pk.get(), (P2_Affine) null, item.message()) != BLST_ERROR.BLST_SUCCESS) {
      return SignatureOutcome.SIGNATURE_INVALID;
    }
    pairing.raw_aggregate(sig.get(), NEG_G1);
    pairing.commit();
    return pairing.finalverify() ? SignatureOutcome.VALID : SignatureOutcome.SIGNATURE_INVALID;
  }

  /** Only decompression, infinity and subgroup checks: for when signature checking is switched off. */
  public static SignatureOutcome checkPoints(SignedMessage item) {
    if (Bls.publicKey(item.publicKey()).isEmpty()) {
      return SignatureOutcome.PUBKEY_INVALID;
    }
    if (Bls.signature(item.signature()).isEmpty()) {
      return SignatureOutcome.SIGNATURE_POINT_INVALID;
    }
    return SignatureOutcome.VALID;
  }

  // Items w, w + workers, w + 2*workers, ... so that slices stay balanced whatever the order.
  private static Slice aggregateSlice(List<SignedMessage> items, long[] weights, int w, int workers) {
    int count = (items.size() - w + workers - 1) / workers;
    int[] indexes = new int[count];
    SignatureOutcome[] outcomes = new SignatureOutcome[count];
    P1_Affine[] keys = new P1_Affine[count];
    P2_Affine[] sigs = new P2_Affine[count];
    P2_Affine[] weighed = new P2_Affine[count];
    long[] weighedWeights = new long[count];
    int weighedCount = 0;
    Pairing pairing = new Pairing(true, Bls.DST);
    boolean aggregated = true;
    for (int k = 0; k < count; k++) {
      int i = w + k * workers;
      indexes[k] = i;
      SignedMessage item = items.get(i);
      Optional<P1_Affine> pk = Bls.publicKey(item.publicKey());
      if (pk.isEmpty()) {
        outcomes[k] = SignatureOutcome.PUBKEY_INVALID;
        continue;
      }
      Optional<P2_Affine> sig = Bls.signature(item.signature());
      if (sig.isEmpty()) {
        outcomes[k] = SignatureOutcome.SIGNATURE_POINT_INVALID;
        continue;
      }
      // e(r * pk, H(m)) goes into the Miller loop now; r * sig is summed for all entries at the end.
      P1_Affine weighedKey = new P1(pk.get()).mult(G2LinearCombination.unsigned(weights[i])).to_affine();
      aggregated &= pairing.aggregate(weighedKey, (P2_Affine) null, item.message()) == BLST_ERROR.BLST_SUCCESS;
      keys[k] = pk.get();
      sigs[k] = sig.get();
      weighed[weighedCount] = sig.get();
      weighedWeights[weighedCount++] = weights[i];
      outcomes[k] = SignatureOutcome.VALID;
    }
    if (weighedCount > 0) {
      P2 signatureSum = G2LinearCombination.of(weighed, weighedWeights, weighedCount);
      pairing.raw_aggregate(signatureSum.to_affine(), NEG_G1);
    }
    pairing.commit();
    return new Slice(indexes, outcomes, keys, sigs, items, pairing, aggregated, weighedCount > 0);
  }

  private void nameTheBadOnes(Slice[] slices, SignatureOutcome[] outcomes, int workers) {
    runParallel(
        workers,
        w -> {
          Slice slice = slices[w];
          for (int k = 0; k < slice.indexes().length; k++) {
            if (slice.outcomes()[k] == SignatureOutcome.VALID) {
              int i = slice.indexes()[k];
              boolean ok = Bls.verify(slice.keys()[k], slice.items().get(i).message(), slice.sigs()[k]);
              outcomes[i] = ok ? SignatureOutcome.VALID : SignatureOutcome.SIGNATURE_INVALID;
            }
          }
        });
  }

  // Non-zero 64-bit weights: a forged entry passes a batch only if its weight is guessed (2^-64).
  private long[] weights(int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      long r;
      do {
        r = random.nextLong();
      } while (r == 0);
      out[i] = r;
    }
    return out;
  }

  private static void runParallel(int workers, IntConsumerTask task) {
    if (workers == 1) {
      task.run(0);
      return;
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(workers - 1, daemonThreads())) {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 1; w < workers; w++) {
        int worker = w;
        futures.add(pool.submit(() -> task.run(worker)));
      }
      task.run(0);
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during batch verification", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("batch verification worker failed", e.getCause());
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return r -> {
      Thread t = new Thread(r, "bls-batch");
      t.setDaemon(true);
      return t;
    };
  }

  @FunctionalInterface
  private interface IntConsumerTask {
    void run(int worker);
  }

  private record Slice(
      int[] indexes,
      SignatureOutcome[] outcomes,
      P1_Affine[] keys,
      P2_Affine[] sigs,
      List<SignedMessage> items,
      Pairing pairing,
      boolean aggregated,
      boolean holdsPairs) {}

}
