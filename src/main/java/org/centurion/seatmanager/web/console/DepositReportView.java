package org.centurion.seatmanager.web.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.deposit.DepositFailure;
import org.centurion.seatmanager.deposit.FailureCode;

/**
 * A refused deposit-data file as the seat page shows it: the failures of the verifier's report
 * (the 422 DEPOSIT_DATA_INVALID details, one per failure) grouped by entry, the file-level ones
 * first, each with its stable code, the code's fixed description and what was found.
 */
public record DepositReportView(List<Group> groups, int failures) {
  /** @param where "file" or "entry N" */
  public record Group(String where, List<Failure> failures) {}

  public record Failure(String code, String description, String field, String detail) {}

  public static DepositReportView of(List<Map<String, Object>> details) {
    Map<Integer, List<Failure>> byEntry = new java.util.TreeMap<>();
    for (Map<String, Object> d : details) {
      int entry = d.get("entry") instanceof Number n ? n.intValue() : DepositFailure.FILE_LEVEL;
      String code = View.text(d.get("code"));
      byEntry.computeIfAbsent(entry, k -> new ArrayList<>()).add(new Failure(code, description(code),
          View.text(d.get("field")), View.text(d.get("detail"))));
    }
    Map<String, List<Failure>> named = new LinkedHashMap<>();
    byEntry.forEach((entry, list) -> named.put(entry == DepositFailure.FILE_LEVEL ? "file" : "entry " + entry, list));
    List<Group> groups = named.entrySet().stream().map(e -> new Group(e.getKey(), List.copyOf(e.getValue()))).toList();
    return new DepositReportView(groups, details.size());
  }

  private static String description(String code) {
    return Optional.of(code).flatMap(c -> java.util.Arrays.stream(FailureCode.values())
        .filter(f -> f.name().equals(c)).findFirst()).map(FailureCode::description).orElse("");
  }
}
