package org.centurion.seatmanager.web.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.deposit.DepositFailure;
import org.centurion.seatmanager.deposit.VerificationReport;

/**
 * A refused deposit-data file as the seat page shows it: the failures of the verifier's report
 * (the typed report of the DEPOSIT_DATA_INVALID refusal) grouped by entry, the file-level ones
 * first, each with its stable code, the code's fixed description and what was found.
 */
public record DepositReportView(List<Group> groups, int failures) {
  /** @param where "file" or "entry N" */
  public record Group(String where, List<Failure> failures) {}

  public record Failure(String code, String description, String field, String detail) {}

  public static DepositReportView of(VerificationReport report) {
    Map<Integer, List<Failure>> byEntry = new java.util.TreeMap<>();
    for (DepositFailure f : report.failures()) {
      byEntry.computeIfAbsent(f.entryIndex(), k -> new ArrayList<>()).add(new Failure(f.code().name(),
          f.code().description(), View.text(f.field()), View.text(f.detail())));
    }
    Map<String, List<Failure>> named = new LinkedHashMap<>();
    byEntry.forEach((entry, list) -> named.put(entry == DepositFailure.FILE_LEVEL ? "file" : "entry " + entry, list));
    List<Group> groups = named.entrySet().stream().map(e -> new Group(e.getKey(), List.copyOf(e.getValue()))).toList();
    return new DepositReportView(groups, report.failures().size());
  }

}
