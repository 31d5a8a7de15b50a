package org.centurion.seatmanager.signing;

import org.web3j.crypto.RawTransaction;

/** Writes off: no key is ever loaded, and every signing attempt fails with WRITES_DISABLED. */
public final class DisabledSigner implements TreasurySigner {
  @Override
  public String address() {
    throw new WritesDisabledException();
  }

  @Override
  public SignedTransaction sign(RawTransaction transaction, long chainId) {
    throw new WritesDisabledException();
  }

  @Override
  public String mode() {
    return "disabled";
  }

  @Override
  public String toString() {
    return "DisabledSigner";
  }
}
