package org.centurion.seatmanager.deposit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;
import supranational.blst.SecretKey;

class BlsTest {

  @Test
  void signAndVerifyRoundTrip() {
    SecretKey sk = key(7);
    byte[] msg = new byte[32];
    byte[] sig = Bls.sign(sk, msg);
    assertThat(Bls.verify(Bls.publicKeyOf(sk), msg, sig)).isTrue();
    msg[0] = 1;
    assertThat(Bls.verify(Bls.publicKeyOf(sk), msg, sig)).isFalse();
  }

  @Test
  void infinityIsNeverAKeyOrSignature() {
    byte[] g1Infinity = new byte[48];
    g1Infinity[0] = (byte) 0xc0;
    byte[] g2Infinity = new byte[96];
    g2Infinity[0] = (byte) 0xc0;
    assertThat(Bls.publicKey(g1Infinity)).isEmpty();
    assertThat(Bls.signature(g2Infinity)).isEmpty();
    assertThat(BatchVerifier.verifySingle(new SignedMessage(g1Infinity, new byte[32], g2Infinity)))
        .isEqualTo(SignatureOutcome.PUBKEY_INVALID);
  }

  @Test
  void pointsOnTheCurveButOutsideTheSubgroupAreRejected() {
    byte[] g1 = firstDecompressibleG1OutsideSubgroup();
    assertThat(new P1_Affine(g1).in_group()).isFalse();
    assertThat(Bls.publicKey(g1)).isEmpty();

    byte[] g2 = firstDecompressibleG2OutsideSubgroup();
    assertThat(new P2_Affine(g2).in_group()).isFalse();
    assertThat(Bls.signature(g2)).isEmpty();

    SecretKey sk = key(3);
    byte[] msg = new byte[32];
    assertThat(BatchVerifier.verifySingle(new SignedMessage(Bls.publicKeyOf(sk), msg, g2)))
        .isEqualTo(SignatureOutcome.SIGNATURE_POINT_INVALID);
    assertThat(BatchVerifier.checkPoints(new SignedMessage(Bls.publicKeyOf(sk), msg, g2)))
        .isEqualTo(SignatureOutcome.SIGNATURE_POINT_INVALID);
    assertThat(BatchVerifier.verifySingle(new SignedMessage(g1, msg, Bls.sign(sk, msg))))
        .isEqualTo(SignatureOutcome.PUBKEY_INVALID);

    // In a batch, a non-subgroup signature is named and does not spoil the others.
    List<SignedMessage> items = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      SecretKey k = key(200 + i);
      items.add(new SignedMessage(Bls.publicKeyOf(k), msg, Bls.sign(k, msg)));
    }
    items.set(3, new SignedMessage(items.get(3).publicKey(), msg, g2));
    items.set(1, new SignedMessage(g1, msg, items.get(1).signature()));
    assertThat(new BatchVerifier(2).verify(items))
        .containsExactly(
            SignatureOutcome.VALID, SignatureOutcome.PUBKEY_INVALID, SignatureOutcome.VALID,
            SignatureOutcome.SIGNATURE_POINT_INVALID, SignatureOutcome.VALID);
  }

  @Test
  void malformedEncodingsAreRejected() {
    byte[] uncompressedFlag = Bls.publicKeyOf(key(5));
    uncompressedFlag[0] &= 0x7f;
    assertThat(Bls.publicKey(uncompressedFlag)).isEmpty();
    assertThat(Bls.publicKey(new byte[47])).isEmpty();
    assertThat(Bls.signature(new byte[95])).isEmpty();
    byte[] allOnes = new byte[48];
    java.util.Arrays.fill(allOnes, (byte) 0xff);
    assertThat(Bls.publicKey(allOnes)).isEmpty();
  }

  @Test
  void batchAgreesWithSingleChecksAndNamesTheBadOnes() {
    List<SignedMessage> items = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      SecretKey sk = key(100 + i);
      byte[] msg = new byte[32];
      msg[0] = (byte) i;
      items.add(new SignedMessage(Bls.publicKeyOf(sk), msg, Bls.sign(sk, msg)));
    }
    BatchVerifier batch = new BatchVerifier(2);
    assertThat(batch.verify(items)).containsOnly(SignatureOutcome.VALID).hasSize(9);

    SignedMessage swapped = new SignedMessage(items.get(2).publicKey(), items.get(2).message(), items.get(3).signature());
    items.set(2, swapped);
    byte[] infinity = new byte[96];
    infinity[0] = (byte) 0xc0;
    items.set(6, new SignedMessage(items.get(6).publicKey(), items.get(6).message(), infinity));
    List<SignatureOutcome> outcomes = batch.verify(items);
    assertThat(outcomes.get(2)).isEqualTo(SignatureOutcome.SIGNATURE_INVALID);
    assertThat(outcomes.get(6)).isEqualTo(SignatureOutcome.SIGNATURE_POINT_INVALID);
    for (int i : new int[] {0, 1, 3, 4, 5, 7, 8}) {
      assertThat(outcomes.get(i)).as("item %d", i).isEqualTo(SignatureOutcome.VALID);
    }
    for (int workers : new int[] {1, 3, 16}) {
      assertThat(new BatchVerifier(workers).verify(items)).isEqualTo(outcomes);
    }
  }

  @Test
  void aBatchLargeEnoughForTheBucketSumStillNamesTheBadEntry() {
    List<SignedMessage> items = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      SecretKey sk = key(1000 + i);
      byte[] msg = new byte[32];
      msg[0] = (byte) i;
      items.add(new SignedMessage(Bls.publicKeyOf(sk), msg, Bls.sign(sk, msg)));
    }
    assertThat(G2LinearCombination.bestWindow(40)).as("each of two workers sums 40 signatures by buckets").isPositive();
    for (int workers : new int[] {1, 2}) {
      assertThat(new BatchVerifier(workers).verify(items)).containsOnly(SignatureOutcome.VALID).hasSize(80);
    }
    items.set(41, new SignedMessage(items.get(41).publicKey(), items.get(41).message(), items.get(40).signature()));
    for (int workers : new int[] {1, 2}) {
      List<SignatureOutcome> outcomes = new BatchVerifier(workers).verify(items);
      assertThat(outcomes.get(41)).isEqualTo(SignatureOutcome.SIGNATURE_INVALID);
      assertThat(outcomes.stream().filter(o -> o == SignatureOutcome.VALID)).hasSize(79);
    }
  }

  @Test
  void twoForgedSignaturesThatCancelInASumDoNotPassTheBatch() {
    // sig_a + sig_b is valid for the pair only if the weights are equal; random weights catch the swap.
    SecretKey a = key(11);
    SecretKey b = key(12);
    byte[] ma = new byte[32];
    byte[] mb = new byte[32];
    mb[31] = 1;
    byte[] sa = Bls.sign(a, ma);
    byte[] sb = Bls.sign(b, mb);
    List<SignedMessage> swapped =
        List.of(new SignedMessage(Bls.publicKeyOf(a), ma, sb), new SignedMessage(Bls.publicKeyOf(b), mb, sa));
    assertThat(new BatchVerifier(1).verify(swapped)).containsOnly(SignatureOutcome.SIGNATURE_INVALID);
  }

  static SecretKey key(int seed) {
    byte[] ikm = new byte[32];
    ikm[0] = (byte) seed;
    ikm[1] = (byte) (seed >> 8);
    SecretKey sk = new SecretKey();
    sk.keygen(ikm);
    return sk;
  }

  private static byte[] firstDecompressibleG1OutsideSubgroup() {
    for (int x = 1; x < 1000; x++) {
      byte[] enc = new byte[48];
      byte[] xb = BigInteger.valueOf(x).toByteArray();
      System.arraycopy(xb, 0, enc, 48 - xb.length, xb.length);
      enc[0] |= (byte) 0x80;
      try {
        P1_Affine p = new P1_Affine(enc);
        if (!p.in_group()) {
          return enc;
        }
      } catch (RuntimeException notOnCurve) {
        // try the next x
      }
    }
    throw new AssertionError("no point found");
  }

  private static byte[] firstDecompressibleG2OutsideSubgroup() {
    for (int x = 1; x < 1000; x++) {
      byte[] enc = new byte[96];
      byte[] xb = BigInteger.valueOf(x).toByteArray();
      System.arraycopy(xb, 0, enc, 96 - xb.length, xb.length);
      enc[0] |= (byte) 0x80;
      try {
        P2_Affine p = new P2_Affine(enc);
        if (!p.in_group()) {
          return enc;
        }
      } catch (RuntimeException notOnCurve) {
        // try the next x
      }
    }
    throw new AssertionError("no point found");
  }
}
