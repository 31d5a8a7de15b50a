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
  private final Optional<AuditChainKey> key;
  private final Optional<AuditAnchorFile> anchors;

  /** Unkeyed and unanchored: development without SEAT_MANAGER_AUDIT_CHAIN_KEY, and tests. */
  public AuditLog(Jdbi jdbi, Clock clock) {
    this(jdbi, clock, Optional.empty(), Optional.empty());
  }

  /** As configured: keyed under SEAT_MANAGER_AUDIT_CHAIN_KEY, verified against SEAT_MANAGER_AUDIT_ANCHOR_FILE. */
  public static AuditLog of(Jdbi jdbi, Clock clock, org.centurion.seatmanager.config.Config.AuditTrail trail) {
    return new AuditLog(jdbi, clock, trail.chainKey().map(AuditChainKey::of), trail.anchorFile().map(AuditAnchorFile::new));
  }

  /**
   * @param key the chain key: rows are appended keyed (HMAC) and verified under it
   * @param anchors where the chain's head is anchored outside the database; {@link #verify()} compares with it
   */
  public AuditLog(Jdbi jdbi, Clock clock, Optional<AuditChainKey> key, Optional<AuditAnchorFile> anchors) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.key = key;
    this.anchors = anchors;
  }

  public AuditEntry append(AuditEvent e) {
    return jdbi.inTransaction(h -> {
      h.execute("SELECT pg_advisory_xact_lock(?)", CHAIN_LOCK);
      byte[] prev = h.createQuery("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
          .mapTo(byte[].class).findOne().orElse(AuditChain.GENESIS);
      long id = h.createQuery("SELECT nextval('audit_log_id_seq')").mapTo(Long.class).one();
      Instant at = AuditChain.storable(clock.instant());
      byte[] hash = key.isPresent()
          ? AuditChain.keyedHash(key.get(), prev, id, at, e.actor(), e.authKind(), e.role(), e.action(),
              e.target(), e.result().name(), e.reason(), e.requestId(), e.clientIp(), e.attemptId())
          : AuditChain.hash(prev, id, at, e.actor(), e.authKind(), e.role(), e.action(),
              e.target(), e.result().name(), e.reason(), e.requestId(), e.clientIp(), e.attemptId());
      h.createUpdate("INSERT INTO audit_log (id, at, actor, auth_kind, role, action, target, result, reason,"
              + " request_id, client_ip, prev_hash, hash, attempt_id, keyed) VALUES (:id, :at, :actor, :authKind, :role,"
              + " :action, :target, :result, :reason, :requestId, :clientIp, :prev, :hash, :attemptId, :keyed)")
          .bind("keyed", key.isPresent())
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

  /** The newest row's id and hash, with the first keyed row's id: what an anchor records. */
  public Optional<AuditAnchor> head() {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, hash, (SELECT min(id) FROM audit_log WHERE keyed) AS keyed_from"
            + " FROM audit_log ORDER BY id DESC LIMIT 1")
        .map((rs, ctx) -> new AuditAnchor(rs.getLong("id"), java.util.HexFormat.of().formatHex(rs.getBytes("hash")),
            Optional.ofNullable(rs.getObject("keyed_from", Long.class)), AuditChain.storable(clock.instant())))
        .findOne());
  }

  /**
   * Walks the whole chain in id order against the configured anchors and reports the first problem
   * (see {@link AuditVerification}'s codes).
   */
  public AuditVerification verify() {
    List<AuditAnchor> known;
    try {
      known = anchors.map(AuditAnchorFile::read).orElse(List.of());
    } catch (RuntimeException e) {
      return AuditVerification.broken(0, null, AuditVerification.ANCHORS_UNREADABLE, e.getMessage(), 0);
    }
    return verify(known);
  }

  /** Walks the whole chain in id order, compares it with {@code anchors}, and reports the first problem. */
  public AuditVerification verify(List<AuditAnchor> anchors) {
    return jdbi.withHandle(h -> new ChainWalk(key, anchors).walk(h));
  }

  /** One walk of the chain: the state carried from row to row. */
  private static final class ChainWalk {
    private final Optional<AuditChainKey> key;
    private final java.util.NavigableMap<Long, AuditAnchor> anchors = new java.util.TreeMap<>();
    /** From this id on every row must be keyed: the earliest the anchors recorded. */
    private final Optional<Long> keyedFrom;
    private byte[] expectedPrev = AuditChain.GENESIS;
    private boolean sawKeyed;
    private long checked;
    private long lastId;

    ChainWalk(Optional<AuditChainKey> key, List<AuditAnchor> anchors) {
      this.key = key;
      anchors.forEach(a -> this.anchors.put(a.id(), a));
      this.keyedFrom = anchors.stream().flatMap(a -> a.keyedFrom().stream()).min(Long::compare);
    }

    AuditVerification walk(Handle h) {
      long after = 0;
      while (true) {
        List<Row> batch = batch(h, after);
        if (batch.isEmpty()) {
          return end();
        }
        for (Row r : batch) {
          AuditVerification problem = check(r);
          if (problem != null) {
            return problem;
          }
          after = r.id;
        }
      }
    }

    private AuditVerification check(Row r) {
      java.util.Map.Entry<Long, AuditAnchor> skipped = anchors.lowerEntry(r.id);
      if (skipped != null && skipped.getKey() > lastId) {
        return broken(skipped.getKey(), AuditVerification.CHAIN_REWRITTEN, "the anchored row " + skipped.getKey()
            + " (anchored " + skipped.getValue().at() + ") is gone while later rows remain: the chain was rewritten");
      }
      if (!Arrays.equals(r.prevHash, expectedPrev)) {
        return broken(r.id, AuditVerification.CHAIN_BROKEN,
            "prev_hash does not match the previous row's hash (a row was removed or reordered)");
      }
      if (r.keyed) {
        if (key.isEmpty()) {
          return broken(r.id, AuditVerification.KEY_REQUIRED,
              "keyed rows cannot be verified without SEAT_MANAGER_AUDIT_CHAIN_KEY");
        }
        byte[] mac = AuditChain.keyedHash(key.get(), r.prevHash, r.id, r.at, r.actor, r.authKind, r.role, r.action,
            r.target, r.result, r.reason, r.requestId, r.clientIp, r.attemptId);
        if (!java.security.MessageDigest.isEqual(mac, r.hash)) {
          return broken(r.id, AuditVerification.ROW_FORGED,
              "the row's keyed hash does not verify under the chain key (forged, or altered without the key)");
        }
        sawKeyed = true;
      } else {
        if (sawKeyed || keyedFrom.filter(k -> r.id >= k).isPresent()) {
          return broken(r.id, AuditVerification.ROW_FORGED,
              "an unkeyed row where every row must be keyed (forged without the chain key)");
        }
        byte[] recomputed = AuditChain.hash(r.prevHash, r.id, r.at, r.actor, r.authKind, r.role,
            r.action, r.target, r.result, r.reason, r.requestId, r.clientIp, r.attemptId);
        if (!Arrays.equals(recomputed, r.hash)) {
          return broken(r.id, AuditVerification.ROW_ALTERED, "content does not match its hash (row altered)");
        }
      }
      AuditAnchor anchor = anchors.get(r.id);
      if (anchor != null && !anchor.hashHex().equals(java.util.HexFormat.of().formatHex(r.hash))) {
        return broken(r.id, AuditVerification.CHAIN_REWRITTEN, "the row's hash differs from the one anchored outside"
            + " the database at " + anchor.at() + ": the chain was rewritten up to here");
      }
      expectedPrev = r.hash;
      checked++;
      lastId = r.id;
      return null;
    }

    private AuditVerification end() {
      if (!anchors.isEmpty() && anchors.lastKey() > lastId) {
        return broken(anchors.lastKey(), AuditVerification.CHAIN_TRUNCATED, "the chain ends at row " + lastId
            + " but row " + anchors.lastKey() + " was anchored at " + anchors.lastEntry().getValue().at()
            + ": its tail was removed");
      }
      return AuditVerification.intact(checked, anchors.size());
    }

    private AuditVerification broken(long id, String code, String problem) {
      return AuditVerification.broken(checked, id, code, problem, anchors.size());
    }
  }

  private record Row(long id, Instant at, String actor, String authKind, String role, String action,
      String target, String result, String reason, String requestId, String clientIp, byte[] prevHash,
      byte[] hash, Long attemptId, boolean keyed) {}

  private static List<Row> batch(Handle h, long afterId) {
    return new ArrayList<>(h.createQuery("SELECT * FROM audit_log WHERE id > :after ORDER BY id LIMIT :n")
        .bind("after", afterId).bind("n", VERIFY_BATCH)
        .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
            rs.getString("actor"), rs.getString("auth_kind"), rs.getString("role"), rs.getString("action"),
            rs.getString("target"), rs.getString("result"), rs.getString("reason"), rs.getString("request_id"),
            rs.getString("client_ip"), rs.getBytes("prev_hash"), rs.getBytes("hash"),
            rs.getObject("attempt_id", Long.class), rs.getBoolean("keyed")))
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
