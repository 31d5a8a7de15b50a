package org.centurion.seatmanager.devnet;

/**
 * A transaction or call that the EVM reverted. {@link #error()} is the decoded error, e.g.
 * {@code DepositIntentNotAllowlisted()} or {@code Error(string)}; {@link #reason()} carries the
 * require-string for {@code Error(string)}. A revert wrapped by the router's
 * {@code CallFailed(bytes)} is unwrapped to the target's own error.
 */
public final class ContractRevertException extends RuntimeException {
  private final String error;
  private final String reason;
  private final String data;

  public ContractRevertException(String error, String reason, String data) {
    super("execution reverted: " + error + (reason.isEmpty() ? "" : " \"" + reason + "\""));
    this.error = error;
    this.reason = reason;
    this.data = data;
  }

  public String error() {
    return error;
  }

  /** The error name without its parameter list. */
  public String errorName() {
    int paren = error.indexOf('(');
    return paren < 0 ? error : error.substring(0, paren);
  }

  public String reason() {
    return reason;
  }

  public String data() {
    return data;
  }
}
