package org.centurion.seatmanager.chain;

/** A chain-side failure with a stable {@link ChainErrorCode}. */
public class ChainException extends RuntimeException {
  private final ChainErrorCode code;

  public ChainException(ChainErrorCode code, String message) {
    super(code + ": " + message);
    this.code = code;
  }

  public ChainException(ChainErrorCode code, String message, Throwable cause) {
    super(code + ": " + message, cause);
    this.code = code;
  }

  public ChainErrorCode code() {
    return code;
  }
}
