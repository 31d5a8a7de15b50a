package org.centurion.seatmanager.deposit;

import java.util.Objects;

/**
 * One thing wrong with submitted deposit data.
 *
 * @param code stable code
 * @param entryIndex zero-based index of the entry in the file, or {@link #FILE_LEVEL}
 * @param field the JSON key concerned, or empty
 * @param detail what exactly was found; public deposit data only, never a secret
 */
public record DepositFailure(FailureCode code, int entryIndex, String field, String detail) {
  public static final int FILE_LEVEL = -1;

  public DepositFailure {
    Objects.requireNonNull(code, "code");
    field = field == null ? "" : field;
    detail = detail == null ? code.description() : detail;
  }

  static DepositFailure file(FailureCode code, String detail) {
    return new DepositFailure(code, FILE_LEVEL, "", detail);
  }

  static DepositFailure entry(FailureCode code, int index, String field, String detail) {
    return new DepositFailure(code, index, field, detail);
  }

  @Override
  public String toString() {
    String where = entryIndex == FILE_LEVEL ? "file" : "entry " + entryIndex;
    return code + " (" + where + (field.isEmpty() ? "" : ", " + field) + "): " + detail;
  }
}
