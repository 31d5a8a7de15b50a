package org.centurion.seatmanager.deposit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The verdict on a deposit-data submission: every failed check with its code, grouped by entry, plus
 * problems with the file as a whole and warnings (such as signature checking being switched off).
 */
public record VerificationReport(
    List<DepositFailure> fileFailures, List<EntryVerification> entries, List<String> warnings) {

  public VerificationReport {
    fileFailures = List.copyOf(fileFailures);
    entries = List.copyOf(entries);
    warnings = List.copyOf(warnings);
  }

  /** True only when there is at least one entry and nothing at all failed. */
  public boolean passed() {
    return fileFailures.isEmpty() && !entries.isEmpty() && entries.stream().allMatch(EntryVerification::passed);
  }

  /** All failures, file-level first, then by entry. */
  public List<DepositFailure> failures() {
    List<DepositFailure> all = new ArrayList<>(fileFailures);
    entries.forEach(e -> all.addAll(e.failures()));
    return all;
  }

  /** The distinct failure codes, in order of first appearance. */
  public Set<FailureCode> codes() {
    Set<FailureCode> codes = new LinkedHashSet<>();
    failures().forEach(f -> codes.add(f.code()));
    return codes;
  }
}
