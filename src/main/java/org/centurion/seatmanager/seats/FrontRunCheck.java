package org.centurion.seatmanager.seats;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.web3j.utils.Numeric;

/**
 * Has anyone deposited for this pubkey already? A second deposit for a known pubkey is a top-up of
 * someone else's validator (the first deposit's credentials win), so the treasury's 32 CTN would be
 * gone. Asked when the deposit is requested, and again immediately before the deposit is signed
 * ({@link #findings} is what the operation executor must call for a DEPOSIT operation).
 *
 * <p>It costs the same on a chain with a long history: the deposit contract's history comes from the
 * deposit watcher's index ({@link DepositIndex}); only the blocks after the watcher's confirmed
 * cursor, at most {@link SeatChain#MAX_TAIL_BLOCKS}, are scanned here, cross-checked across
 * endpoints at one pinned block like the contract's latch.
 */
public final class FrontRunCheck {
  private final SeatChain chain;
  private final BeaconReads beacon;
  private final DepositIndex index;

  FrontRunCheck(SeatChain chain, BeaconReads beacon, DepositIndex index) {
    this.chain = chain;
    this.beacon = beacon;
    this.index = index;
  }

  /** What was found; empty when the pubkey is untouched on both layers. Fails closed on a read error. */
  public List<String> findings(String pubkey) {
    byte[] key = Numeric.hexStringToByteArray(pubkey);
    List<String> found = new ArrayList<>();
    if (chain.depositLatched(key)) {
      found.add("the deposit contract has already latched a deposit for this pubkey");
    }
    Set<String> transactions = new TreeSet<>(index.depositTransactions(pubkey));
    long tailFrom = index.confirmedCursor().map(c -> c + 1).orElse(chain.depositLogsFromBlock());
    transactions.addAll(chain.depositEventsSince(key, Math.max(tailFrom, chain.depositLogsFromBlock())));
    for (String tx : transactions) {
      found.add("DepositEvent for this pubkey in transaction " + tx);
    }
    for (BeaconReads.Validator v : beacon.validatorEverywhere(pubkey)) {
      found.add("beacon endpoint " + v.endpoint() + " knows this validator (" + v.status() + ")");
    }
    return found;
  }
}
