package org.centurion.seatmanager.perf;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import org.centurion.seatmanager.audit.ScaleAuditRows;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The scale fixture of issue 18, written straight into a migrated, empty database with COPY:
 * 100,000 seats over every state with the evidence of each transition that brought them there,
 * 1,000,000 hash-chained audit rows, 100,000 operations and 10,000 alerts. Deterministic: the same
 * sizes give the same rows (only the timestamps follow the clock), so plans and figures repeat.
 */
public final class ScaleFixture {
  /** The happy path in order; EXCEPTION and REVOKED branch off after DATA_VERIFIED. */
  private static final String[] PATH = {"CREATED", "DATA_VERIFIED", "ALLOWLISTED", "DEPOSITED", "SEEN_BY_CL", "ACTIVE",
      "EXIT_REQUESTED", "EXITED", "SETTLING", "SETTLED"};
  private static final String[] ALL_STATES = {"CREATED", "DATA_VERIFIED", "ALLOWLISTED", "DEPOSITED", "SEEN_BY_CL",
      "ACTIVE", "EXIT_REQUESTED", "EXITED", "SETTLING", "SETTLED", "EXCEPTION", "REVOKED"};
  private static final String[] OP_KINDS = {"DEPLOY_VAULT", "ADD_ALLOWLIST_INTENT", "REMOVE_ALLOWLIST_INTENT",
      "DEPOSIT", "TRIGGER_EXIT", "PROPOSE_SETTLEMENT", "FINALIZE_SETTLEMENT"};
  private static final String[] ALERT_KINDS = {"WATCHER_STALLED", "WATCHER_LAGGING", "ENDPOINT_DOWN",
      "ENDPOINT_DISAGREEING", "TRANSACTION_STUCK", "FRONT_RUNNING_ATTEMPT", "REORG", "SLASHING", "UNREQUESTED_EXIT",
      "WITHDRAWAL_CREDENTIALS_MISMATCH"};
  private static final String[] SEVERITIES = {"INFO", "WARNING", "CRITICAL"};

  public record Sizes(int seats, int auditRows, int operations, int alerts) {
    public static final Sizes ISSUE_18 = new Sizes(100_000, 1_000_000, 100_000, 10_000);
  }

  private ScaleFixture() {}

  /** The seat's state: 40 % ACTIVE (a running foundation), the rest spread evenly over all twelve states. */
  public static String stateOf(long seatId) {
    int k = (int) (seatId % 20);
    return k < 8 ? "ACTIVE" : ALL_STATES[k - 8];
  }

  public static String operatorOf(long seatId) {
    return "op-" + (seatId % 200);
  }

  public static String beneficiaryOf(long seatId) {
    return "0x" + hex(seatId % 20_000 + 1, 40);
  }

  public static String pubkeyOf(long seatId) {
    return "0x" + hex(seatId, 96);
  }

  public static String vaultOf(long seatId) {
    return "0x" + "fa" + hex(seatId, 38);
  }

  /** Refuses a database that already holds seats or audit rows: the fixture never mixes with real data. */
  public static void load(Connection c, Sizes sizes) throws SQLException, IOException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT (SELECT count(*) FROM seats) + (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM operations)")) {
      rs.next();
      if (rs.getLong(1) != 0) {
        throw new IllegalStateException("the scale fixture loads only into an empty, migrated database");
      }
    }
    PGConnection pg = c.unwrap(PGConnection.class);
    Instant now = Instant.now();
    long t = System.nanoTime();
    copy(pg, "COPY seats (id, operator_id, beneficiary, pubkey, vault_address, withdrawal_credentials, state,"
        + " exception_reason, deposit_data_root, intent_epoch) FROM STDIN (FORMAT csv)", w -> seats(w, sizes.seats()));
    copy(pg, "COPY seat_evidence (seat_id, from_state, to_state, tx_hash, block_number, event, detail, actor)"
        + " FROM STDIN (FORMAT csv)", w -> evidence(w, sizes.seats()));
    System.out.printf(Locale.ROOT, "seats + evidence: %.1f s%n", (System.nanoTime() - t) / 1e9);
    t = System.nanoTime();
    copy(pg, "COPY operations (id, seat_id, kind, status, target, value_wei, calldata, requested_by, attempts)"
        + " FROM STDIN (FORMAT csv)", w -> operations(w, sizes.operations(), sizes.seats()));
    copy(pg, "COPY alerts (id, source, kind, severity, seat_id, dedupe_key, message, first_seen, last_seen, count,"
        + " resolved_at) FROM STDIN (FORMAT csv)", w -> alerts(w, sizes.alerts(), sizes.seats(), now));
    System.out.printf(Locale.ROOT, "operations + alerts: %.1f s%n", (System.nanoTime() - t) / 1e9);
    t = System.nanoTime();
    copy(pg, ScaleAuditRows.COPY, w -> ScaleAuditRows.write(w, sizes.auditRows(), now));
    System.out.printf(Locale.ROOT, "audit rows (chained): %.1f s%n", (System.nanoTime() - t) / 1e9);
    try (Statement s = c.createStatement()) {
      for (String table : new String[] {"seats", "seat_evidence", "operations", "alerts", "audit_log"}) {
        s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM " + table + "))");
      }
      t = System.nanoTime();
      // the steady state autovacuum keeps a live database in: statistics and a set visibility map
      s.execute("VACUUM ANALYZE");
      System.out.printf(Locale.ROOT, "VACUUM ANALYZE: %.1f s%n", (System.nanoTime() - t) / 1e9);
    }
  }

  private static void seats(Writer w, int n) throws IOException {
    for (long id = 1; id <= n; id++) {
      String state = stateOf(id);
      String vault = vaultOf(id);
      boolean verified = !"CREATED".equals(state);
      w.write(id + "," + operatorOf(id) + "," + beneficiaryOf(id) + "," + pubkeyOf(id) + "," + vault
          + ",0x01" + "0".repeat(22) + vault.substring(2) + "," + state + ","
          + ("EXCEPTION".equals(state) ? "\"deposit landed with foreign credentials\"" : "") + ","
          + (verified ? "0x" + hex(id * 31, 64) : "") + "," + (verified ? "" + (1000 + id % 5000) : "") + "\n");
    }
  }

  /** One row per transition from nothing to the seat's state, as the state machine writes them. */
  private static void evidence(Writer w, int n) throws IOException {
    for (long id = 1; id <= n; id++) {
      String state = stateOf(id);
      String from = "";
      for (String to : PATH) {
        String target = "EXCEPTION".equals(state) || "REVOKED".equals(state) ? (from.equals("DATA_VERIFIED") ? state : to) : to;
        boolean chain = !"CREATED".equals(target) && !"DATA_VERIFIED".equals(target);
        w.write(id + "," + from + "," + target + "," + (chain ? "0x" + hex(id * 131 + target.length(), 64) : "") + ","
            + (chain ? "" + (id + target.length() * 7) : "") + "," + (chain ? "event" : "") + ",\"fixture\",system\n");
        if (target.equals(state)) {
          break;
        }
        from = target;
      }
    }
  }

  private static void operations(Writer w, int n, int seats) throws IOException {
    for (long id = 1; id <= n; id++) {
      int k = (int) (id % 50);
      String status = k == 0 ? "QUEUED" : k == 1 ? "IN_FLIGHT" : k == 2 ? "FAILED" : "CONFIRMED";
      w.write(id + "," + (id % seats + 1) + "," + OP_KINDS[(int) (id % OP_KINDS.length)] + "," + status + ",0x"
          + hex(id, 40) + ",0,0x,user:" + (id % 50) + "," + (k == 3 ? 0 : 1) + "\n");
    }
  }

  /** A tenth open (one per dedupe key), the rest resolved; spread over kinds and severities. */
  private static void alerts(Writer w, int n, int seats, Instant now) throws IOException {
    for (long id = 1; id <= n; id++) {
      Instant first = now.minusSeconds((n - id) * 60 + 120);
      Instant last = first.plusSeconds(60);
      boolean open = id % 10 == 0;
      w.write(id + ",watch.fixture," + ALERT_KINDS[(int) (id % ALERT_KINDS.length)] + ","
          + SEVERITIES[(int) (id % 3)] + "," + (id % seats + 1) + ",fixture-" + id + ",\"fixture alert " + id + "\","
          + first + "," + last + "," + (1 + id % 5) + "," + (open ? "" : last) + "\n");
    }
  }

  private interface Rows {
    void write(Writer w) throws IOException;
  }

  private static void copy(PGConnection pg, String sql, Rows rows) throws SQLException, IOException {
    CopyIn in = pg.getCopyAPI().copyIn(sql);
    try (CopyWriter w = new CopyWriter(in)) {
      rows.write(w);
    } catch (IOException | RuntimeException e) {
      if (in.isActive()) {
        in.cancelCopy();
      }
      throw e;
    }
    in.endCopy();
  }

  private static String hex(long v, int digits) {
    String h = Long.toHexString(v);
    return "0".repeat(Math.max(0, digits - h.length())) + h;
  }

  /** A buffered Writer onto one COPY ... FROM STDIN: the rows stream, they are never held whole. */
  private static final class CopyWriter extends Writer {
    private final CopyIn in;
    private final StringBuilder buf = new StringBuilder(1 << 17);

    CopyWriter(CopyIn in) {
      this.in = in;
    }

    @Override
    public void write(char[] c, int off, int len) throws IOException {
      buf.append(c, off, len);
      if (buf.length() >= 1 << 16) {
        flush();
      }
    }

    @Override
    public void write(String s) throws IOException {
      buf.append(s);
      if (buf.length() >= 1 << 16) {
        flush();
      }
    }

    @Override
    public void flush() throws IOException {
      if (buf.isEmpty()) {
        return;
      }
      byte[] b = buf.toString().getBytes(StandardCharsets.UTF_8);
      buf.setLength(0);
      try {
        in.writeToCopy(b, 0, b.length);
      } catch (SQLException e) {
        throw new IOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
