package org.centurion.seatmanager.testing;

import org.centurion.seatmanager.deposit.DepositDataEntry;
import org.centurion.seatmanager.deposit.DepositSsz;
import org.centurion.seatmanager.devnet.DevnetValidatorKey;
import org.centurion.seatmanager.seats.SeatChain;

/** Deposit-cli files as a validator operator would submit them, signed by a test key. */
public final class DepositCliFiles {
  private DepositCliFiles() {}

  /** A one-entry deposit-cli file for this key, 32 CTN to this vault, signed for this fork version. */
  public static String forSeat(DevnetValidatorKey key, String vault, byte[] forkVersion) {
    DevnetValidatorKey.DepositData d = key.depositData(SeatChain.withdrawalCredentials(vault), 32_000_000_000L, forkVersion);
    DepositDataEntry e = new DepositDataEntry(d.pubkey(), d.withdrawalCredentials(), d.amountGwei(), d.signature(),
        DepositSsz.depositMessageRoot(d.pubkey(), d.withdrawalCredentials(), d.amountGwei()),
        d.depositDataRoot(), forkVersion, "centurion", "2.7.0");
    return "[" + e.toDepositCliJson() + "]";
  }
}
