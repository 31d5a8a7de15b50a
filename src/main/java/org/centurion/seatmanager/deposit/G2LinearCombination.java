package org.centurion.seatmanager.deposit;

import java.math.BigInteger;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

/**
 * {@code sum r_i * Q_i} over G2 points with 64-bit weights, the signature side of a batch check.
 *
 * <p>Multiplying each signature by its weight costs a 64-step double-and-add per entry (about a tenth of a
 * whole verification). The bucket method (Pippenger) shares the doublings between all entries: per window
 * of {@code c} bits every point is added once into the bucket of its digit, and the buckets are summed with
 * two running sums. For hundreds of points that is about a third of the cost of the separate
 * multiplications; for a handful of points the separate multiplications are cheaper, so the cheaper of the
 * two is chosen from the same operation counts.
 */
final class G2LinearCombination {
  private static final int SCALAR_BITS = 64;
  // Relative costs measured with blst on this class of machine: mixed addition 2.6, projective addition
  // 3.3, doubling 1.2, one 64-bit multiplication 110 (microseconds). Only their ratios matter.
  private static final double MIXED_ADD = 2.6;
  private static final double ADD = 3.3;
  private static final double DOUBLE = 1.2;
  private static final double MULTIPLY_64 = 110;

  private G2LinearCombination() {}

  /**
   * @param points the first {@code count} entries are combined; they must already be checked (on the
   *     curve, in the subgroup), this class only does arithmetic
   * @param weights read as unsigned 64-bit integers
   */
  static P2 of(P2_Affine[] points, long[] weights, int count) {
    int window = bestWindow(count);
    if (window == 0) {
      return separately(points, weights, count);
    }
    return buckets(points, weights, count, window);
  }

  /** The window width in bits for the bucket method, or 0 when separate multiplications are cheaper. */
  static int bestWindow(int count) {
    double best = count * (MULTIPLY_64 + ADD);
    int bestWindow = 0;
    for (int c = 1; c <= 16; c++) {
      int windows = (SCALAR_BITS + c - 1) / c;
      double cost = windows * (count * MIXED_ADD + 2 * ((1 << c) - 1) * ADD + ADD) + SCALAR_BITS * DOUBLE;
      if (cost < best) {
        best = cost;
        bestWindow = c;
      }
    }
    return bestWindow;
  }

  static P2 separately(P2_Affine[] points, long[] weights, int count) {
    P2 sum = new P2();
    for (int i = 0; i < count; i++) {
      sum.add(new P2(points[i]).mult(unsigned(weights[i])));
    }
    return sum;
  }

  static P2 buckets(P2_Affine[] points, long[] weights, int count, int window) {
    int mask = (1 << window) - 1;
    int windows = (SCALAR_BITS + window - 1) / window;
    P2 result = new P2();
    for (int w = windows - 1; w >= 0; w--) {
      if (w != windows - 1) {
        for (int d = 0; d < window; d++) {
          result.dbl();
        }
      }
      int shift = w * window;
      P2[] bucket = new P2[mask];
      for (int i = 0; i < count; i++) {
        int digit = (int) ((weights[i] >>> shift) & mask);
        if (digit == 0) {
          continue;
        }
        if (bucket[digit - 1] == null) {
          bucket[digit - 1] = new P2(points[i]);
        } else {
          bucket[digit - 1].add(points[i]);
        }
      }
      // running = sum of buckets d..top; adding it once per d weights bucket d by d.
      P2 running = new P2();
      P2 windowSum = new P2();
      for (int d = mask - 1; d >= 0; d--) {
        if (bucket[d] != null) {
          running.add(bucket[d]);
        }
        windowSum.add(running);
      }
      result.add(windowSum);
    }
    return result;
  }

  static BigInteger unsigned(long weight) {
    BigInteger value = BigInteger.valueOf(weight & Long.MAX_VALUE);
    return weight < 0 ? value.setBit(63) : value;
  }
}
