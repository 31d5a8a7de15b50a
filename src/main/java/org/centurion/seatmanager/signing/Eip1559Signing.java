package org.centurion.seatmanager.signing;

import java.math.BigInteger;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.utils.Numeric;

/**
 * The signing steps shared by every key holder: check the transaction is EIP-1559 for the right
 * chain, hash its signing payload, normalise the signature to low s, pick v by recovery, assemble
 * the envelope and check that it decodes back to our sender.
 */
public final class Eip1559Signing {
  /** Produces a raw (r, s) over a 32-byte digest; s may be high, the caller normalises. */
  @FunctionalInterface
  public interface DigestSigner {
    ECDSASignature signDigest(byte[] digest32);
  }

  private Eip1559Signing() {}

  /** The EIP-1559 body of {@code tx}, after checking its type and chain id. */
  public static Transaction1559 requireEip1559(RawTransaction tx, long chainId) {
    if (tx == null || !(tx.getTransaction() instanceof Transaction1559 t)
        || t.getClass() != Transaction1559.class) {
      throw new SigningException(
          SigningErrorCode.UNSUPPORTED_TRANSACTION, "only EIP-1559 (type 2) transactions are signed");
    }
    if (t.getChainId() != chainId) {
      throw new SigningException(
          SigningErrorCode.CHAIN_ID_MISMATCH,
          "transaction chain id " + t.getChainId() + " differs from the requested chain id " + chainId);
    }
    if (t.getTo() == null || t.getTo().isEmpty() || "0x".equals(t.getTo())) {
      throw new SigningException(
          SigningErrorCode.UNSUPPORTED_TRANSACTION, "contract creation is never signed by the treasury");
    }
    if (!t.getTo().matches("0x[0-9a-fA-F]{40}")) {
      throw new SigningException(SigningErrorCode.UNSUPPORTED_TRANSACTION, "to must be a 0x-prefixed 20-byte address");
    }
    if (t.getAccessList() != null && !t.getAccessList().isEmpty()) {
      throw new SigningException(SigningErrorCode.UNSUPPORTED_TRANSACTION, "access lists are not supported");
    }
    return t;
  }

  /** keccak256(0x02 || rlp(unsigned fields)): the digest an EIP-1559 signature covers. */
  public static byte[] signingDigest(RawTransaction tx) {
    return Hash.sha3(TransactionEncoder.encode(tx));
  }

  /**
   * Signs {@code tx} with {@code signer}, whose key has the 64-byte X||Y public key {@code
   * publicKey}, and returns the envelope. The result is decoded again and its sender recovered, so
   * a faulty key holder cannot hand back something that would be sent from another address.
   */
  public static SignedTransaction sign(
      RawTransaction tx, long chainId, BigInteger publicKey, DigestSigner signer) {
    requireEip1559(tx, chainId);
    byte[] digest = signingDigest(tx);
    ECDSASignature raw = signer.signDigest(digest);
    if (raw == null) {
      throw new SigningException(SigningErrorCode.SIGNATURE_INVALID, "no signature produced");
    }
    ECDSASignature low = Secp256k1.lowS(raw.r, raw.s);
    int recId = Secp256k1.recoveryId(digest, low, publicKey);
    Sign.SignatureData sig =
        new Sign.SignatureData(
            (byte) (27 + recId), Numeric.toBytesPadded(low.r, 32), Numeric.toBytesPadded(low.s, 32));
    byte[] envelope = TransactionEncoder.encode(tx, sig);
    String expectedFrom = Secp256k1.address(publicKey);
    SignedTransaction signed =
        new SignedTransaction(
            Numeric.toHexString(envelope),
            Numeric.toHexString(Hash.sha3(envelope)),
            expectedFrom,
            chainId,
            tx.getNonce());
    verify(signed, tx, expectedFrom);
    return signed;
  }

  /**
   * Decodes {@code signed} and checks it carries exactly the fields of {@code expected}, a low s,
   * and a signature from {@code expectedFrom}. Used after local signing and by the remote client
   * on whatever the isolated signer returned.
   */
  public static void verify(SignedTransaction signed, RawTransaction expected, String expectedFrom) {
    RawTransaction decoded;
    try {
      decoded = TransactionDecoder.decode(signed.rawHex());
    } catch (RuntimeException e) {
      throw new SigningException(SigningErrorCode.SIGNATURE_INVALID, "signed envelope does not decode", e);
    }
    if (!(decoded instanceof SignedRawTransaction s)
        || !(decoded.getTransaction() instanceof Transaction1559 got)) {
      throw new SigningException(SigningErrorCode.SIGNATURE_INVALID, "signed envelope is not a signed type-2 tx");
    }
    Transaction1559 want = (Transaction1559) expected.getTransaction();
    boolean same =
        got.getChainId() == want.getChainId()
            && got.getNonce().equals(want.getNonce())
            && got.getMaxPriorityFeePerGas().equals(want.getMaxPriorityFeePerGas())
            && got.getMaxFeePerGas().equals(want.getMaxFeePerGas())
            && got.getGasLimit().equals(want.getGasLimit())
            && got.getTo().equalsIgnoreCase(want.getTo())
            && got.getValue().equals(want.getValue())
            && Numeric.cleanHexPrefix(got.getData()).equalsIgnoreCase(Numeric.cleanHexPrefix(want.getData()));
    if (!same) {
      throw new SigningException(
          SigningErrorCode.SIGNATURE_INVALID, "signed envelope differs from the requested transaction");
    }
    BigInteger sValue = new BigInteger(1, s.getSignatureData().getS());
    if (!Secp256k1.isLowS(sValue)) {
      throw new SigningException(SigningErrorCode.SIGNATURE_INVALID, "signature has a high s");
    }
    String from;
    try {
      from = s.getFrom();
    } catch (java.security.SignatureException e) {
      throw new SigningException(SigningErrorCode.SIGNATURE_INVALID, "sender cannot be recovered", e);
    }
    if (!from.equalsIgnoreCase(expectedFrom) || !from.equalsIgnoreCase(signed.from())) {
      throw new SigningException(
          SigningErrorCode.SIGNATURE_INVALID,
          "signed envelope recovers to " + from + ", expected " + expectedFrom);
    }
    String hash = Numeric.toHexString(Hash.sha3(signed.rawBytes()));
    if (!hash.equalsIgnoreCase(signed.hash())) {
      throw new SigningException(SigningErrorCode.SIGNATURE_INVALID, "hash does not match the envelope");
    }
  }
}
