package org.centurion.seatmanager.keys;

/** A key-process request that was refused or failed; the message never carries a secret. */
public final class KeyProcessException extends RuntimeException {
  private final KeyProcessErrorCode code;

  public KeyProcessException(KeyProcessErrorCode code, String message) {
    super(code + ": " + message);
    this.code = code;
  }

  public KeyProcessException(KeyProcessErrorCode code, String message, Throwable cause) {
    super(code + ": " + message, cause);
    this.code = code;
  }

  public KeyProcessErrorCode code() {
    return code;
  }
}
