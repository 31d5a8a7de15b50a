package org.centurion.seatmanager.beacon;

/**
 * One validator as a beacon state shows it (the fields the watchers act on).
 *
 * @param status the beacon API status, e.g. {@code pending_queued}, {@code active_ongoing}, {@code withdrawal_done}
 */
public record ValidatorStatus(
    long index,
    String pubkey,
    String withdrawalCredentials,
    String status,
    boolean slashed,
    long balanceGwei,
    long activationEpoch,
    long exitEpoch,
    long withdrawableEpoch) {
  /** FAR_FUTURE_EPOCH, which does not fit a signed long, is mapped to this. */
  public static final long FAR_FUTURE = Long.MAX_VALUE;
}
