package org.centurion.seatmanager.seats;

import java.util.ArrayList;
import java.util.List;
import org.web3j.utils.Numeric;

/**
 * Has anyone deposited for this pubkey already? A second deposit for a known pubkey is a top-up of
 * someone else's validator (the first deposit's credentials win), so the treasury's 32 CTN would be
 * gone. Asked when the deposit is requested, and again immediately before the deposit is signed
 * ({@link #findings} is what the operation executor must call for a DEPOSIT operation).
 */
public final class FrontRunCheck {
  private final SeatChain chain;
  private final BeaconReads beacon;

  public FrontRunCheck(SeatChain chain, BeaconReads beacon) {
    this.chain = chain;
    this.beacon = beacon;
  }

  /** What was found; empty when the pubkey is untouched on both layers. Fails closed on a read error. */
  public List<String> findings(String pubkey) {
    byte[] key = Numeric.hexStringToByteArray(pubkey);
    List<String> found = new ArrayList<>();
    if (chain.depositLatched(key)) {
      found.add("the deposit contract has already latched a deposit for this pubkey");
    }
    for (String tx : chain.depositEventsFor(key)) {
      found.add("DepositEvent for this pubkey in transaction " + tx);
    }
    for (BeaconReads.Validator v : beacon.validatorEverywhere(pubkey)) {
      found.add("beacon endpoint " + v.endpoint() + " knows this validator (" + v.status() + ")");
    }
    return found;
  }
}
