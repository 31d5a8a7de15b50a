package org.centurion.seatmanager.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The append-only, hash-chained audit log. Appends take a transaction-scoped advisory lock so
 * that rows from every API instance and CLI process form one chain in id order.
 *
 * <p>Each append is its own transaction, never the caller's: the chain lock is held for
 * microseconds rather than for a business transaction, and a write's audit does not depend on how
 * (or in how many transactions) the feature commits. Writes are recorded write-ahead instead (an
 * ATTEMPTED row before the handler, the outcome after; see {@code SecurityGuard.beforeWrite}).
 */
public final class AuditLog {
  /** Arbitrary, fixed: the advisory lock key that serialises appends. */
  private static final long CHAIN_LOCK = 0x5EA7_A0D1_7L;
  private static final int VERIFY_BATCH = 1_000;
  /** Every row with, for an attempt, the id of the outcome that closed it (null: none yet, or never). */
  private static final String SELECT = "SELECT a.*, (SELECT o.id FROM audit_log o WHERE o.attempt_id = a.id)"
      + " AS outcome_id FROM audit_log a";

  private final Jdbi jdbi;
  private final Clock clock;

  public AuditLog(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public AuditEntry append(AuditEvent e) {
    return jdbi.inTransaction(h -> {
      h.execute("SELECT pg_advisory_xact_lock(?)", CHAIN_LOCK);
      byte[] prev = h.createQuery("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
          .mapTo(byte[].class).findOne().orElse(AuditChain.GENESIS);
      long id = h.createQuery("SELECT nextval('audit_log_id_seq')").mapTo(Long.class).one();
      Instant at = AuditChain.storable(clock.instant());
      byte[] hash = AuditChain.hash(prev, id, at, e.actor(), e.authKind(), e.role(), e.action(),
          e.target(), e.result().name(), e.reason(), e.requestId(), e.clientIp(), e.attemptId());
      h.createUpdate("INSERT INTO audit_log (id, at, actor, auth_kind, role, action, target, result, reason,"
              + " request_id, client_ip, prev_hash, hash, attempt_id) VALUES (:id, :at, :actor, :authKind, :role,"
              + " :action, :target, :result, :reason, :requestId, :clientIp, :prev, :hash, :attemptId)")
          .bind("id", id)
          .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
          .bind("actor", e.actor())
          .bind("authKind", e.authKind())
          .bind("role", e.role())
          .bind("action", e.action())
          .bind("target", e.target())
          .bind("result", e.result().name())
          .bind("reason", e.reason())
          .bind("requestId", e.requestId())
          .bind("clientIp", e.clientIp())
          .bind("prev", prev)
          .bind("hash", hash)
          .bind("attemptId", e.attemptId())
          .execute();
      return AuditEntry.of(id, at, e, prev, hash);
    });
  }

  public Optional<AuditEntry> get(long id) {
    return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE a.id = :id").bind("id", id)
        .map((rs, ctx) -> row(rs)).findOne());
  }

  public List<AuditEntry> list(AuditQuery q) {
    StringBuilder sql = new StringBuilder(SELECT + " WHERE true");
    q.actor().ifPresent(v -> sql.append(" AND a.actor = :actor"));
    q.action().ifPresent(v -> sql.append(" AND a.action = :action"));
    q.target().ifPresent(v -> sql.append(" AND a.target = :target"));
    q.result().ifPresent(v -> sql.append(" AND a.result = :result"));
    q.from().ifPresent(v -> sql.append(" AND a.at >= :from"));
    q.to().ifPresent(v -> sql.append(" AND a.at < :to"));
    q.beforeId().ifPresent(v -> sql.append(" AND a.id < :beforeId"));
    sql.append(" ORDER BY a.id DESC LIMIT :limit");
    return jdbi.withHandle(h -> {
      Query query = h.createQuery(sql.toString()).bind("limit", q.limit());
      q.actor().ifPresent(v -> query.bind("actor", v));
      q.action().ifPresent(v -> query.bind("action", v));
      q.target().ifPresent(v -> query.bind("target", v));
      q.result().ifPresent(v -> query.bind("result", v.name()));
      q.from().ifPresent(v -> query.bind("from", OffsetDateTime.ofInstant(v, ZoneOffset.UTC)));
      q.to().ifPresent(v -> query.bind("to", OffsetDateTime.ofInstant(v, ZoneOffset.UTC)));
      q.beforeId().ifPresent(v -> query.bind("beforeId", v));
      return query.map((rs, ctx) -> row(rs)).list();
    });
  }

  /** Walks the whole chain in id order and reports the first row that does not check. */
  public AuditVerification verify() {
    return jdbi.withHandle(h -> {
      byte[] expectedPrev = AuditChain.GENESIS;
      long checked = 0;
      long after = 0;
      while (true) {
        List<Row> batch = batch(h, after);
        if (batch.isEmpty()) {
          return new AuditVerification(true, checked, null, null);
        }
        for (Row r : batch) {
          if (!Arrays.equals(r.prevHash, expectedPrev)) {
            return new AuditVerification(false, checked, r.id,
                "prev_hash does not match the previous row's hash (a row was removed or reordered)");
          }
          byte[] recomputed = AuditChain.hash(r.prevHash, r.id, r.at, r.actor, r.authKind, r.role,
              r.action, r.target, r.result, r.reason, r.requestId, r.clientIp, r.attemptId);
          if (!Arrays.equals(recomputed, r.hash)) {
            return new AuditVerification(false, checked, r.id, "content does not match its hash (row altered)");
          }
          expectedPrev = r.hash;
          checked++;
          after = r.id;
        }
      }
    });
  }

  private record Row(long id, Instant at, String actor, String authKind, String role, String action,
      String target, String result, String reason, String requestId, String clientIp, byte[] prevHash,
      byte[] hash, Long attemptId) {}

  private static List<Row> batch(Handle h, long afterId) {
    return new ArrayList<>(h.createQuery("SELECT * FROM audit_log WHERE id > :after ORDER BY id LIMIT :n")
        .bind("after", afterId).bind("n", VERIFY_BATCH)
        .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
            rs.getString("actor"), rs.getString("auth_kind"), rs.getString("role"), rs.getString("action"),
            rs.getString("target"), rs.getString("result"), rs.getString("reason"), rs.getString("request_id"),
            rs.getString("client_ip"), rs.getBytes("prev_hash"), rs.getBytes("hash"),
            rs.getObject("attempt_id", Long.class)))
        .list());
  }

  private static AuditEntry row(java.sql.ResultSet rs) throws java.sql.SQLException {
    java.util.HexFormat hex = java.util.HexFormat.of();
    return new AuditEntry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
        rs.getString("actor"), rs.getString("auth_kind"), rs.getString("role"), rs.getString("action"),
        rs.getString("target"), rs.getString("result"), rs.getString("reason"), rs.getString("request_id"),
        rs.getString("client_ip"), hex.formatHex(rs.getBytes("prev_hash")), hex.formatHex(rs.getBytes("hash")),
        rs.getObject("attempt_id", Long.class), rs.getObject("outcome_id", Long.class));
  }
}
