package org.centurion.seatmanager.ops;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import org.centurion.seatmanager.signing.SignedTransaction;

/** One signed transaction of an intent, kept before it is broadcast: after a crash any of these could land. */
public record TxAttempt(
    long id,
    long intentId,
    String txHash,
    String rawTx,
    BigInteger maxFeePerGas,
    BigInteger maxPriorityFee,
    Instant signedAt,
    Optional<Instant> broadcastAt,
    Optional<String> broadcastError) {

  SignedTransaction asSigned(TxIntent intent) {
    return new SignedTransaction(rawTx, txHash, intent.sender(), intent.chainId(), BigInteger.valueOf(intent.nonce()));
  }

  @Override
  public String toString() {
    // the raw bytes are public once broadcast, but they are long and add nothing to a log line
    return "TxAttempt[id=" + id + ", intent=" + intentId + ", hash=" + txHash + "]";
  }
}
