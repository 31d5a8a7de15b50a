package org.centurion.seatmanager.deposit;

import java.util.Optional;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.SecretKey;

/**
 * Ethereum's BLS signature scheme over blst: minimal-pubkey-size, proof-of-possession ciphersuite. Every
 * point that comes from outside is decompressed, checked against infinity and checked for membership of
 * the prime-order subgroup before it is used; a key or signature that fails is treated as absent, never as
 * something to verify against.
 */
public final class Bls {
  /** The ciphersuite the consensus layer uses for deposits (and everything else). */
  public static final String DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

  private Bls() {}

  /** A 48-byte compressed G1 point, or empty when it is malformed, infinity or outside the subgroup. */
  public static Optional<P1_Affine> publicKey(byte[] compressed) {
    if (compressed.length != DepositDataEntry.PUBKEY_LENGTH) {
      return Optional.empty();
    }
    P1_Affine point;
    try {
      point = new P1_Affine(compressed);
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
    if (point.is_inf() || !point.in_group()) {
      return Optional.empty();
    }
    return Optional.of(point);
  }

  /** A 96-byte compressed G2 point, or empty when it is malformed, infinity or outside the subgroup. */
  public static Optional<P2_Affine> signature(byte[] compressed) {
    if (compressed.length != DepositDataEntry.SIGNATURE_LENGTH) {
      return Optional.empty();
    }
    P2_Affine point;
    try {
      point = new P2_Affine(compressed);
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
    if (point.is_inf() || !point.in_group()) {
      return Optional.empty();
    }
    return Optional.of(point);
  }

  /**
   * A 96-byte compressed G2 point on the curve and not infinity, but not yet checked for subgroup
   * membership: for callers that hand it to blst's {@code mul_n_aggregate}, which checks the subgroup
   * itself, or that check it themselves (doing it twice would pay for the most expensive check twice).
   */
  static Optional<P2_Affine> signatureOnCurve(byte[] compressed) {
    if (compressed.length != DepositDataEntry.SIGNATURE_LENGTH) {
      return Optional.empty();
    }
    try {
      P2_Affine point = new P2_Affine(compressed);
      return point.is_inf() ? Optional.empty() : Optional.of(point);
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  /** {@code Verify(pk, message, signature)} for points already checked by this class. */
  public static boolean verify(P1_Affine publicKey, byte[] message, P2_Affine signature) {
    return verifyCode(publicKey, message, signature) == BLST_ERROR.BLST_SUCCESS;
  }

  /** blst's verdict ({@code core_verify}, which checks the signature's subgroup). */
  static BLST_ERROR verifyCode(P1_Affine publicKey, byte[] message, P2_Affine signature) {
    return signature.core_verify(publicKey, true, message, DST);
  }

  /**
   * Verify from untrusted bytes: decompress, reject infinity, check subgroups, then verify. This is the
   * whole cost of one deposit signature check.
   */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    Optional<P1_Affine> pk = publicKey(publicKey);
    if (pk.isEmpty()) {
      return false;
    }
    Optional<P2_Affine> sig = signature(signature);
    return sig.isPresent() && verify(pk.get(), message, sig.get());
  }

  /** Compressed public key of a secret key. */
  public static byte[] publicKeyOf(SecretKey secretKey) {
    return new P1(secretKey).compress();
  }

  /** Compressed signature of {@code message} under the proof-of-possession ciphersuite. */
  public static byte[] sign(SecretKey secretKey, byte[] message) {
    return new P2().hash_to(message, DST).sign_with(secretKey).compress();
  }
}
