package org.centurion.seatmanager.deposit;

import java.util.List;

/**
 * Every failed check of one entry.
 *
 * @param index position in the submitted file
 * @param pubkey the entry's pubkey as submitted (hex, for the report), or empty when it did not parse
 */
public record EntryVerification(int index, String pubkey, List<DepositFailure> failures) {
  public EntryVerification {
    failures = List.copyOf(failures);
  }

  public boolean passed() {
    return failures.isEmpty();
  }
}
