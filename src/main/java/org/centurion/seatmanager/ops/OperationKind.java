package org.centurion.seatmanager.ops;

/** What an operation asks the chain to do; each kind has one outcome handler. */
public enum OperationKind {
  DEPLOY_VAULT,
  ADD_ALLOWLIST_INTENT,
  REMOVE_ALLOWLIST_INTENT,
  DEPOSIT,
  TRIGGER_EXIT,
  PROPOSE_SETTLEMENT,
  FINALIZE_SETTLEMENT
}
