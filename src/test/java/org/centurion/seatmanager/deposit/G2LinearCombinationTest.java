package org.centurion.seatmanager.deposit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import supranational.blst.P2;
import supranational.blst.P2_Affine;

class G2LinearCombinationTest {
  private static final Random RANDOM = new Random(286);

  @Test
  void bucketMethodEqualsSeparateMultiplicationsForEveryWindowWidth() {
    P2_Affine[] points = points(40);
    long[] weights = new long[40];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = RANDOM.nextLong();
    }
    // The weights a generator can produce at the edges: top bit set, all bits set, a single low bit.
    weights[0] = Long.MIN_VALUE;
    weights[1] = -1L;
    weights[2] = 1L;
    byte[] expected = G2LinearCombination.separately(points, weights, 40).compress();
    for (int window = 1; window <= 13; window++) {
      assertThat(G2LinearCombination.buckets(points, weights, 40, window).compress())
          .as("window of %d bits", window)
          .isEqualTo(expected);
    }
  }

  @Test
  void equalPointsAndEqualDigitsLandInOneBucketAndStillSumCorrectly() {
    P2_Affine[] one = points(1);
    P2_Affine[] same = {one[0], one[0], one[0]};
    long[] weights = {5, 5, 0x0101010101010101L};
    P2 expected = new P2(one[0]).mult(G2LinearCombination.unsigned(10 + 0x0101010101010101L));
    for (int window = 1; window <= 8; window++) {
      assertThat(G2LinearCombination.buckets(same, weights, 3, window).compress()).isEqualTo(expected.compress());
    }
  }

  @Test
  void chooseSeparateMultiplicationsForAFewPointsAndBucketsForMany() {
    assertThat(G2LinearCombination.bestWindow(1)).isZero();
    assertThat(G2LinearCombination.bestWindow(4)).isZero();
    assertThat(G2LinearCombination.bestWindow(512)).isBetween(5, 8);
    P2_Affine[] points = points(300);
    long[] weights = RANDOM.longs(300).toArray();
    assertThat(G2LinearCombination.of(points, weights, 300).compress())
        .isEqualTo(G2LinearCombination.separately(points, weights, 300).compress());
  }

  @Test
  void unsignedReadsTheTopBitAsMagnitude() {
    assertThat(G2LinearCombination.unsigned(-1L).toString(16)).isEqualTo("ffffffffffffffff");
    assertThat(G2LinearCombination.unsigned(Long.MIN_VALUE).bitLength()).isEqualTo(64);
    assertThat(G2LinearCombination.unsigned(7).intValue()).isEqualTo(7);
  }

  private static P2_Affine[] points(int n) {
    P2_Affine[] out = new P2_Affine[n];
    for (int i = 0; i < n; i++) {
      out[i] = new P2().hash_to(("point " + i).getBytes(StandardCharsets.UTF_8), Bls.DST).to_affine();
    }
    return out;
  }
}
