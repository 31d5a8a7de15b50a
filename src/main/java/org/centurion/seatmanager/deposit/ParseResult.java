package org.centurion.seatmanager.deposit;

import java.util.List;

/**
 * What the parser made of a file: the entries that are well-formed, and every problem found. A file with
 * any problem must be rejected as a whole; {@code entries} is only for reporting.
 *
 * @param entries well-formed entries with their zero-based position in the file
 */
public record ParseResult(List<IndexedEntry> entries, List<DepositFailure> failures) {
  public ParseResult {
    entries = List.copyOf(entries);
    failures = List.copyOf(failures);
  }

  public boolean ok() {
    return failures.isEmpty();
  }

  /** An entry and its position in the submitted file. */
  public record IndexedEntry(int index, DepositDataEntry entry) {}
}
