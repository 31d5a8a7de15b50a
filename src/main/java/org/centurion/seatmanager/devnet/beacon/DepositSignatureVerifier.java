package org.centurion.seatmanager.devnet.beacon;

import org.centurion.seatmanager.deposit.DepositSsz;
import org.centurion.seatmanager.deposit.ForkVersion;
import supranational.blst.BLST_ERROR;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;

/**
 * What the consensus layer does with a new pubkey's deposit: verify the BLS proof of possession
 * over the deposit message in the genesis-fork deposit domain (blst, the Ethereum ciphersuite).
 * Any parse failure, point at infinity or point outside the subgroup counts as invalid.
 */
public final class DepositSignatureVerifier {
  public static final String DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

  private final byte[] domain;

  public DepositSignatureVerifier(byte[] genesisForkVersion) {
    this.domain = DepositSsz.depositDomain(ForkVersion.of(genesisForkVersion));
  }

  public boolean isValid(byte[] pubkey, byte[] withdrawalCredentials, long amountGwei, byte[] signature) {
    if (pubkey.length != 48 || withdrawalCredentials.length != 32 || signature.length != 96) {
      return false;
    }
    byte[] signingRoot = DepositSsz.signingRoot(
        DepositSsz.depositMessageRoot(pubkey, withdrawalCredentials, amountGwei), domain);
    try {
      P1_Affine pk = new P1_Affine(pubkey);
      P2_Affine sig = new P2_Affine(signature);
      if (pk.is_inf() || !pk.in_group() || sig.is_inf() || !sig.in_group()) {
        return false;
      }
      return sig.core_verify(pk, true, signingRoot, DST) == BLST_ERROR.BLST_SUCCESS;
    } catch (RuntimeException malformed) {
      return false;
    }
  }
}
