package org.centurion.seatmanager.dashboard;

import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * What waits for someone (issue 17), for the dashboard's headline: seats to approve (DATA_VERIFIED), to
 * deposit (ALLOWLISTED), to settle (EXITED, SETTLING), in EXCEPTION, and approvals pending. Counted in
 * one round trip; stuck transactions and open alerts come from the health report itself.
 */
public final class WorkWaiting {
  /** The counts; {@link #nothing} when all are zero. */
  public record Counts(long toApprove, long toDeposit, long toSettle, long exceptions, long approvals) {
    public boolean nothing() {
      return toApprove + toDeposit + toSettle + exceptions + approvals == 0;
    }
  }

  private final Jdbi jdbi;

  public WorkWaiting(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public Counts now() {
    return jdbi.withHandle(h -> {
      Map<String, Object> r = h.createQuery("SELECT"
          + " count(*) FILTER (WHERE state = 'DATA_VERIFIED') AS approve,"
          + " count(*) FILTER (WHERE state = 'ALLOWLISTED') AS deposit,"
          + " count(*) FILTER (WHERE state IN ('EXITED', 'SETTLING')) AS settle,"
          + " count(*) FILTER (WHERE state = 'EXCEPTION') AS exceptions,"
          + " (SELECT count(*) FROM approvals WHERE status = 'PENDING' AND expires_at > now()) AS approvals"
          + " FROM seats WHERE state IN ('DATA_VERIFIED', 'ALLOWLISTED', 'EXITED', 'SETTLING', 'EXCEPTION')").mapToMap().one();
      return new Counts(n(r, "approve"), n(r, "deposit"), n(r, "settle"), n(r, "exceptions"), n(r, "approvals"));
    });
  }

  /** The lifecycle's states in order, as the funnel shows them (terminal and EXCEPTION last). */
  private static final java.util.List<String> FUNNEL = java.util.List.of("CREATED", "DATA_VERIFIED", "ALLOWLISTED", "DEPOSITED",
      "SEEN_BY_CL", "ACTIVE", "EXIT_REQUESTED", "EXITED", "SETTLING", "SETTLED", "EXCEPTION", "REVOKED");

  /** Seats per state, every state present (zero when none), in lifecycle order: the dashboard's funnel. */
  public Map<String, Long> byState() {
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    FUNNEL.forEach(st -> counts.put(st, 0L));
    jdbi.useHandle(h -> h.createQuery("SELECT state, count(*) AS n FROM seats GROUP BY state").mapToMap()
        .forEach(r -> counts.put(r.get("state").toString(), ((Number) r.get("n")).longValue())));
    return counts;
  }

  private static long n(Map<String, Object> r, String k) {
    return ((Number) r.get(k)).longValue();
  }
}
