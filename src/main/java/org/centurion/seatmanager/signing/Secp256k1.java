package org.centurion.seatmanager.signing;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** secp256k1 facts every signer relies on: low-s normalisation, recovery id choice, addresses. */
public final class Secp256k1 {
  /** The group order n. */
  public static final BigInteger N = Sign.CURVE_PARAMS.getN();
  /** n / 2: Ethereum (EIP-2) only accepts s at or below this. */
  public static final BigInteger HALF_N = N.shiftRight(1);

  private Secp256k1() {}

  /** Replaces s by n - s when s is in the upper half, which keeps the signature valid (EIP-2). */
  public static ECDSASignature lowS(BigInteger r, BigInteger s) {
    requireScalar(r, "r");
    requireScalar(s, "s");
    return new ECDSASignature(r, s.compareTo(HALF_N) > 0 ? N.subtract(s) : s);
  }

  public static boolean isLowS(BigInteger s) {
    return s.signum() > 0 && s.compareTo(HALF_N) <= 0;
  }

  /**
   * The recovery id (0 or 1) under which {@code signature} over {@code digest} recovers to {@code
   * publicKey} (64-byte uncompressed X||Y as an integer). A signature that recovers to neither is
   * not ours, whatever produced it.
   */
  public static int recoveryId(byte[] digest, ECDSASignature signature, BigInteger publicKey) {
    for (int recId = 0; recId < 2; recId++) {
      BigInteger recovered = Sign.recoverFromSignature(recId, signature, digest);
      if (publicKey.equals(recovered)) {
        return recId;
      }
    }
    throw new SigningException(
        SigningErrorCode.SIGNATURE_INVALID, "signature does not recover to the signer's public key");
  }

  /** 0x-prefixed lowercase address of a 64-byte X||Y public key. */
  public static String address(BigInteger publicKey) {
    byte[] xy = Numeric.toBytesPadded(publicKey, 64);
    byte[] hash = Hash.sha3(xy);
    return Numeric.toHexString(Arrays.copyOfRange(hash, 12, 32));
  }

  /** The 64-byte X||Y integer of a curve point, after checking it is a valid non-infinity point. */
  public static BigInteger publicKeyOf(ECPoint point) {
    if (point.isInfinity() || !point.isValid()) {
      throw new SigningException(SigningErrorCode.INVALID_KEY, "public key is not a valid secp256k1 point");
    }
    byte[] encoded = point.normalize().getEncoded(false);
    return new BigInteger(1, Arrays.copyOfRange(encoded, 1, 65));
  }

  private static void requireScalar(BigInteger v, String name) {
    if (v.signum() <= 0 || v.compareTo(N) >= 0) {
      throw new SigningException(SigningErrorCode.SIGNATURE_INVALID, name + " is outside [1, n-1]");
    }
  }
}
