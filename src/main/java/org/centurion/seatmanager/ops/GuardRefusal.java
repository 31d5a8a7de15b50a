package org.centurion.seatmanager.ops;

/** A definitive refusal by the executor's treasury checks: the operation fails unsent, with an alert. */
public final class GuardRefusal extends RuntimeException {
  /** Stable reasons; stored in operation errors and audit rows by name. */
  public enum Code {
    /** Nothing the operation could be rebuilt from (no seat, no request, unknown kind). */
    CALL_NOT_REDERIVABLE,
    /** The operation row's target, value or calldata differ from what the seat rows and configuration give. */
    STORED_CALL_DIFFERS,
    /** The intent row's envelope (to, value, calldata) differs from the rebuilt router call. */
    INTENT_DIFFERS,
    /** The signer's treasury policy refused the transaction. */
    POLICY_REFUSED,
    /** The simulated call reverts. */
    SIMULATION_REVERTED,
    /** The simulated call does not emit an event the operation requires. */
    EXPECTED_EVENT_MISSING,
    /** The simulated call moves value somewhere the operation does not allow. */
    UNEXPECTED_VALUE_MOVE
  }

  private final Code code;

  public GuardRefusal(Code code, String message) {
    super(message);
    this.code = code;
  }

  public Code code() {
    return code;
  }

  /** {@code CODE: message}, as stored in the operation's error. */
  public String reason() {
    return code.name() + ": " + getMessage();
  }
}
