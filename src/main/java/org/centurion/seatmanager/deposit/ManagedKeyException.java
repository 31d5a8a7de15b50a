package org.centurion.seatmanager.deposit;

/**
 * A managed-key operation that cannot proceed. Messages name the problem and the fix, never a secret:
 * not a word of a mnemonic, not a password, not a key.
 */
public final class ManagedKeyException extends Exception {
  /** Stable codes for managed-key failures. */
  public enum Code {
    MNEMONIC_INVALID,
    MNEMONIC_CHECKSUM,
    KEY_PATH_INVALID,
    KEYSTORE_MALFORMED,
    KEYSTORE_UNSUPPORTED,
    KEYSTORE_WRONG_PASSWORD,
    KEYSTORE_PUBKEY_MISMATCH,
    SECRET_FILE_MISSING,
    SECRET_FILE_NOT_REGULAR,
    SECRET_FILE_MODE,
    SECRET_FILE_EMPTY,
    SECRET_FILE_TOO_LARGE,
    SECRET_FILE_UNREADABLE
  }

  private final Code code;

  public ManagedKeyException(Code code, String message) {
    super(code + ": " + message);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
