package org.centurion.seatmanager.signing;

import org.web3j.crypto.RawTransaction;

/**
 * Signs the treasury's EIP-1559 transactions. Signing never broadcasts: the caller records the
 * signed hash durably first and sends {@link SignedTransaction#rawHex()} itself, so a crash between
 * the two steps leaves a record of every transaction that could land.
 */
public interface TreasurySigner {
  /** The sender address of every transaction this signer produces, 0x-prefixed lowercase. */
  String address();

  /**
   * Signs an EIP-1559 transaction (nonce, fees, gas, target, value and data already fixed by the
   * caller) for {@code chainId}, which must equal the transaction's own chain id.
   *
   * @throws SigningException with a stable {@link SigningErrorCode} when refused or failed
   */
  SignedTransaction sign(RawTransaction transaction, long chainId);

  /**
   * As {@link #sign(RawTransaction, long)}, with the justification the treasury policy needs for
   * deposits and vault calls (the pubkey and beneficiary it derives the vault from). A signer
   * that applies the policy ({@link PolicyCheckedSigner}, the isolated signer) uses it; a bare key
   * has no use for it.
   */
  default SignedTransaction sign(RawTransaction transaction, long chainId, SigningJustification justification) {
    return sign(transaction, chainId);
  }

  /** A short name of how the key is held: {@code disabled}, {@code local}, {@code kms}, {@code remote}. */
  String mode();
}
