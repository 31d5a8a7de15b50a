package org.centurion.seatmanager.devnet.beacon;

/** One validator as a beacon node reports it at one state. Epochs use FAR_FUTURE_EPOCH for unset. */
public record ValidatorView(
    long index,
    byte[] pubkey,
    byte[] withdrawalCredentials,
    long balanceGwei,
    long effectiveBalanceGwei,
    boolean slashed,
    long activationEligibilityEpoch,
    long activationEpoch,
    long exitEpoch,
    long withdrawableEpoch,
    String status) {

  /** The beacon-API status at epoch {@code epoch}, as the standard API derives it. */
  public static String statusAt(
      long epoch, long eligibility, long activation, long exit, long withdrawable, boolean slashed, long balance) {
    if (activation > epoch) {
      return eligibility == BeaconSpec.FAR_FUTURE_EPOCH ? "pending_initialized" : "pending_queued";
    }
    if (epoch < exit) {
      if (exit == BeaconSpec.FAR_FUTURE_EPOCH) {
        return "active_ongoing";
      }
      return slashed ? "active_slashed" : "active_exiting";
    }
    if (epoch < withdrawable) {
      return slashed ? "exited_slashed" : "exited_unslashed";
    }
    return balance != 0 ? "withdrawal_possible" : "withdrawal_done";
  }
}
