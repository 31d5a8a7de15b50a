package org.centurion.seatmanager.chain;

import java.util.Optional;

/**
 * A call, gas estimate or transaction that the EVM reverted. {@link #revertData()} feeds {@link RevertDecoder}.
 *
 * <p>The execution client leaves the data raw. The devnet's transactor decodes it against the reference
 * contracts' errors ({@link #decoded}): {@link #error()} is then the error's signature, e.g.
 * {@code DepositIntentNotAllowlisted()} or {@code Error(string)}, and {@link #reason()} the require-string of
 * an {@code Error(string)} (a revert wrapped in the router's {@code CallFailed(bytes)} is unwrapped to the
 * target's own error). Undecoded, {@link #error()} is {@value #UNKNOWN_ERROR}.
 */
public final class ContractRevertedException extends ChainException {
  public static final String UNKNOWN_ERROR = "unknown";

  private final String revertData;
  private final String error;
  private final String reason;

  public ContractRevertedException(String endpointLabel, String nodeMessage, String revertData) {
    this(endpointLabel + ": " + nodeMessage + (revertData == null ? "" : " data=" + revertData), revertData,
        UNKNOWN_ERROR, "");
  }

  private ContractRevertedException(String message, String revertData, String error, String reason) {
    super(ChainErrorCode.CALL_REVERTED, message);
    this.revertData = revertData;
    this.error = error;
    this.reason = reason;
  }

  /** A revert whose data (null when the node returned none) was decoded to {@code error} and {@code reason}. */
  public static ContractRevertedException decoded(String error, String reason, String revertData) {
    return new ContractRevertedException(
        "execution reverted: " + error + (reason.isEmpty() ? "" : " \"" + reason + "\""), revertData, error, reason);
  }

  /** 0x-prefixed revert data, when the node returned any. */
  public Optional<String> revertData() {
    return Optional.ofNullable(revertData);
  }

  /** The decoded error's signature, or {@value #UNKNOWN_ERROR}. */
  public String error() {
    return error;
  }

  /** The error name without its parameter list. */
  public String errorName() {
    int paren = error.indexOf('(');
    return paren < 0 ? error : error.substring(0, paren);
  }

  /** The decoded reason: an {@code Error(string)}'s text or another error's hex arguments; empty if none. */
  public String reason() {
    return reason;
  }
}
