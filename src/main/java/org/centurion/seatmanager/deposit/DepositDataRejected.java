package org.centurion.seatmanager.deposit;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.problem.ProblemKind;

/**
 * Deposit data that failed verification: the problem carries the verifier's typed report (the
 * console shows it grouped by entry) and, as its details, one entry per failure for the API body.
 */
public final class DepositDataRejected extends Problem {
  private static final long serialVersionUID = 1L;

  public static final String CODE = ErrorCodes.DEPOSIT_DATA_INVALID;

  private final transient VerificationReport report;

  public DepositDataRejected(VerificationReport report) {
    super(ProblemKind.REJECTED, CODE, report.failures().size() + " deposit-data check(s) failed",
        details(report.failures()));
    this.report = report;
  }

  public VerificationReport report() {
    return report;
  }

  private static List<Map<String, Object>> details(List<DepositFailure> failures) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DepositFailure f : failures) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", f.code().name());
      m.put("entry", f.entryIndex());
      m.put("field", f.field());
      m.put("detail", f.detail());
      out.add(m);
    }
    return out;
  }
}
