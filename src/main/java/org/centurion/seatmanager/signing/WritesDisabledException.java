package org.centurion.seatmanager.signing;

/** Thrown by {@link DisabledSigner} for every signing attempt. */
public final class WritesDisabledException extends SigningException {
  public WritesDisabledException() {
    super(SigningErrorCode.WRITES_DISABLED, "writes are disabled: this process holds no treasury key");
  }
}
