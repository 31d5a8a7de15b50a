package org.centurion.seatmanager.signing;

/**
 * A signing attempt that was refused or failed. Messages name what was wrong, never key material
 * or shared secrets.
 */
public class SigningException extends RuntimeException {
  private final SigningErrorCode code;

  public SigningException(SigningErrorCode code, String message) {
    super(code + ": " + message);
    this.code = code;
  }

  public SigningException(SigningErrorCode code, String message, Throwable cause) {
    super(code + ": " + message, cause);
    this.code = code;
  }

  public SigningErrorCode code() {
    return code;
  }
}
