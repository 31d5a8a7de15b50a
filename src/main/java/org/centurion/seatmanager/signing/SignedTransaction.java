package org.centurion.seatmanager.signing;

import java.math.BigInteger;
import java.util.Objects;
import org.web3j.utils.Numeric;

/**
 * A signed EIP-1559 transaction, not yet broadcast. The pipeline persists {@link #hash()} with its
 * intent row before {@link #rawHex()} is handed to {@code eth_sendRawTransaction}.
 *
 * @param rawHex the 0x-prefixed type-2 envelope, ready for {@code eth_sendRawTransaction}
 * @param hash the transaction hash (keccak256 of the envelope), 0x-prefixed lowercase
 * @param from the sender recovered from the signature, 0x-prefixed lowercase
 */
public record SignedTransaction(String rawHex, String hash, String from, long chainId, BigInteger nonce) {
  public SignedTransaction {
    Objects.requireNonNull(rawHex, "rawHex");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(nonce, "nonce");
  }

  public byte[] rawBytes() {
    return Numeric.hexStringToByteArray(rawHex);
  }
}
