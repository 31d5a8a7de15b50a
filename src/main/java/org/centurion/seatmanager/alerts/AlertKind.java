package org.centurion.seatmanager.alerts;

import java.util.EnumSet;
import java.util.Set;

/** Every condition an operator is alerted to (issue 8). Stored by name: never rename a constant. */
public enum AlertKind {
  WATCHER_STALLED,
  WATCHER_LAGGING,
  ENDPOINT_DOWN,
  ENDPOINT_DISAGREEING,
  TRANSACTION_STUCK,
  FRONT_RUNNING_ATTEMPT,
  REORG,
  SLASHING,
  /** The beacon chain shows our validator exiting or exited while we never asked for its exit. */
  UNREQUESTED_EXIT,
  /** The validator's withdrawal credentials on the beacon chain are not the seat's vault. */
  WITHDRAWAL_CREDENTIALS_MISMATCH,
  /** Beacon endpoints report different roots for the same finalized epoch: nothing moves until it clears. */
  FINALITY_CONFLICT,
  EXIT_IGNORED,
  TREASURY_BALANCE_LOW,
  VAULT_ANOMALY,
  STATIC_ADMIN_TOKEN_CONFIGURED,
  STATIC_ADMIN_TOKEN_NEAR_SUNSET,
  SIGNATURE_VERIFICATION_OFF,
  WRITES_WITHOUT_KMS_OR_ISOLATED_SIGNER,
  /** The executor failed an operation before signing it (front-run, simulation revert, refusal). */
  OPERATION_REFUSED,
  /** The treasury checks refused to sign or send an operation (forged row, policy refusal, failed simulation): issue 12. */
  TREASURY_CALL_REFUSED,
  /** An ADMIN paused the executor (issue 15): nothing new is signed until one resumes it. */
  EXECUTOR_PAUSED,
  /** A vault was settled with less than the 32 CTN principal back (a slashed validator, issue 15). */
  PRINCIPAL_SHORTFALL;

  /**
   * Kinds that report something that happened rather than a condition that holds: nothing clears
   * them, so a human acknowledging one is what resolves it.
   */
  private static final Set<AlertKind> EVENTS = EnumSet.of(FRONT_RUNNING_ATTEMPT, REORG, SLASHING, UNREQUESTED_EXIT, OPERATION_REFUSED,
      WITHDRAWAL_CREDENTIALS_MISMATCH, TREASURY_CALL_REFUSED, PRINCIPAL_SHORTFALL);

  public boolean isEvent() {
    return EVENTS.contains(this);
  }
}
