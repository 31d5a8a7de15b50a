package org.centurion.seatmanager.perf;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the SQL behind each list route and the dashboard, with the literal
 * values the load phase uses. The SQL is what SeatStore, AuditLog, AlertService and ExecutorQueue
 * build for those filters (copied here: a change there must be mirrored here to stay meaningful).
 */
final class ScaleExplain {
  private static final String SEAT = "SELECT * FROM seats WHERE id > 0";
  private static final String AUDIT = "SELECT a.*, (SELECT o.id FROM audit_log o WHERE o.attempt_id = a.id) AS outcome_id"
      + " FROM audit_log a WHERE true";

  private ScaleExplain() {}

  static Map<String, String> queries() {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("seats, first page", SEAT + " ORDER BY id LIMIT 100");
    q.put("seats by state (SETTLED)", SEAT + " AND state = 'SETTLED' ORDER BY id LIMIT 100");
    q.put("seats by operator", SEAT + " AND operator_id = 'op-17' ORDER BY id LIMIT 100");
    q.put("seats by beneficiary", SEAT + " AND beneficiary = '" + ScaleFixture.beneficiaryOf(4242) + "' ORDER BY id LIMIT 100");
    q.put("seats by pubkey", SEAT + " AND pubkey = '" + ScaleFixture.pubkeyOf(77_777) + "' ORDER BY id LIMIT 100");
    q.put("seats by vault", SEAT + " AND vault_address = '" + ScaleFixture.vaultOf(55_555) + "' ORDER BY id LIMIT 100");
    q.put("seat evidence", "SELECT * FROM seat_evidence WHERE seat_id = 4242 ORDER BY id");
    q.put("seat operations", "SELECT * FROM operations WHERE seat_id = 4242 ORDER BY id");
    q.put("audit, newest page", AUDIT + " ORDER BY a.id DESC LIMIT 100");
    q.put("audit, deep page (cursor 1000)", AUDIT + " AND a.id < 1000 ORDER BY a.id DESC LIMIT 100");
    q.put("audit by actor, deep", AUDIT + " AND a.actor = 'user:7' AND a.id < 5000 ORDER BY a.id DESC LIMIT 100");
    q.put("audit by action", AUDIT + " AND a.action = 'POST /v1/seats' ORDER BY a.id DESC LIMIT 100");
    q.put("audit by result DENIED, deep", AUDIT + " AND a.result = 'DENIED' AND a.id < 100000 ORDER BY a.id DESC LIMIT 100");
    q.put("audit by target", AUDIT + " AND a.target = 'seat:4242' ORDER BY a.id DESC LIMIT 100");
    q.put("audit by time window", AUDIT + " AND a.at >= now() - interval '20 days' AND a.at < now() - interval '19 days'"
        + " ORDER BY a.id DESC LIMIT 100");
    q.put("alerts, newest", "SELECT * FROM alerts WHERE true ORDER BY id DESC LIMIT 100");
    q.put("alerts open", "SELECT * FROM alerts WHERE true AND resolved_at IS NULL ORDER BY id DESC LIMIT 100");
    q.put("alerts by kind, deep", "SELECT * FROM alerts WHERE true AND kind = 'REORG' AND id < 5000 ORDER BY id DESC LIMIT 100");
    q.put("alerts by seat", "SELECT * FROM alerts WHERE true AND seat_id = 4242 ORDER BY id DESC LIMIT 100");
    q.put("dashboard: operations by status", "SELECT status, count(*) AS n FROM operations GROUP BY status");
    q.put("dashboard: stale operations", "SELECT count(*) FROM operations WHERE status IN ('QUEUED', 'IN_FLIGHT')"
        + " AND updated_at < now() - interval '10 minutes' AND not_before < now() - interval '10 minutes'");
    q.put("dashboard: wedging", "SELECT id, kind, tick_failures, last_error FROM operations WHERE status = 'QUEUED'"
        + " AND tick_failures >= 3 ORDER BY id LIMIT 20");
    q.put("dashboard: stuck alerts", "SELECT message FROM alerts WHERE kind = 'TRANSACTION_STUCK' AND resolved_at IS NULL"
        + " ORDER BY id");
    q.put("dashboard: open alert counts", "SELECT kind, severity, count(*) AS n FROM alerts WHERE resolved_at IS NULL"
        + " GROUP BY kind, severity");
    return q;
  }

  static void run(Connection c) throws SQLException {
    for (Map.Entry<String, String> e : queries().entrySet()) {
      System.out.println("== EXPLAIN " + e.getKey());
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + e.getValue())) {
        while (rs.next()) {
          System.out.println("   " + rs.getString(1));
        }
      }
    }
  }
}
