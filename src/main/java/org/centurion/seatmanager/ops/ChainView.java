package org.centurion.seatmanager.ops;

import java.math.BigInteger;

/**
 * What the executor's endpoint said at the start of a tick, read before any receipt: if one of ours
 * had been mined by then, its receipt exists when looked up.
 *
 * @param latestNonce our sender's transaction count in the latest block (the next nonce the chain expects)
 * @param head the latest block number
 */
record ChainView(BigInteger latestNonce, BigInteger head) {
  boolean consumed(long nonce) {
    return latestNonce.compareTo(BigInteger.valueOf(nonce)) > 0;
  }
}
