package org.centurion.seatmanager.alerts;

import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.store.LeaderTerm;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Alerts as rows. {@link #raise} opens a condition's alert or bumps the open one; {@link
 * #reconcile} is how an evaluator reports everything it currently sees, so that the alerts it no
 * longer sees resolve themselves. Each evaluator owns its {@code source}: it never resolves
 * another evaluator's alerts.
 */
public final class AlertService {
  private final Jdbi jdbi;
  private final Clock clock;

  public AlertService(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Opens the condition's alert, or bumps the open one (count, last seen, severity, message). */
  public Alert raise(String source, AlertSignal s) {
    return jdbi.inTransaction(h -> raise(h, source, s, now()));
  }

  /** Same, inside the caller's transaction, so an alert commits with the state change it reports. */
  public Alert raise(Handle h, String source, AlertSignal s) {
    return raise(h, source, s, now());
  }

  private static Alert raise(Handle h, String source, AlertSignal s, OffsetDateTime at) {
    requireSource(source);
    // an instance that lost its role (paused, then resumed after a takeover) raises nothing either
    LeaderTerm.requireCurrent(h);
    return h.createQuery("INSERT INTO alerts (source, kind, severity, seat_id, dedupe_key, message, first_seen, last_seen)"
            + " VALUES (:source, :kind, :severity, :seat, :key, :message, :at, :at)"
            + " ON CONFLICT (dedupe_key) WHERE resolved_at IS NULL DO UPDATE SET count = alerts.count + 1,"
            + " last_seen = GREATEST(alerts.last_seen, EXCLUDED.last_seen), severity = EXCLUDED.severity,"
            + " message = EXCLUDED.message RETURNING *")
        .bind("source", source)
        .bind("kind", s.kind().name())
        .bind("severity", s.severity().name())
        .bind("seat", s.seatId().orElse(null))
        .bind("key", s.dedupeKey())
        .bind("message", s.message())
        .bind("at", at)
        .map(AlertService::map)
        .one();
  }

  /** Resolves the open alert of one condition; false when none was open. */
  public boolean resolve(String source, String dedupeKey) {
    return jdbi.inTransaction(h -> resolve(h, source, dedupeKey));
  }

  /** Same, inside the caller's transaction. */
  public boolean resolve(Handle h, String source, String dedupeKey) {
    requireSource(source);
    LeaderTerm.requireCurrent(h);
    return h.createUpdate("UPDATE alerts SET resolved_at = GREATEST(:at, first_seen)"
            + " WHERE dedupe_key = :key AND source = :source AND resolved_at IS NULL")
        .bind("at", now()).bind("key", dedupeKey).bind("source", source).execute() == 1;
  }

  /**
   * Everything {@code source} sees now: each is raised, and every open alert of {@code source}
   * not among them is resolved, in one transaction.
   *
   * @return the dedupe keys resolved by this call
   */
  public Set<String> reconcile(String source, Collection<AlertSignal> present) {
    requireSource(source);
    OffsetDateTime at = now();
    return jdbi.inTransaction(h -> {
      LeaderTerm.requireCurrent(h);
      Set<String> keys = new HashSet<>();
      for (AlertSignal s : present) {
        raise(h, source, s, at);
        keys.add(s.dedupeKey());
      }
      List<String> open = h.createQuery("SELECT dedupe_key FROM alerts WHERE source = :source AND resolved_at IS NULL FOR UPDATE")
          .bind("source", source).mapTo(String.class).list();
      Set<String> resolved = new HashSet<>();
      for (String key : open) {
        if (!keys.contains(key)) {
          h.createUpdate("UPDATE alerts SET resolved_at = GREATEST(:at, first_seen) WHERE dedupe_key = :key AND resolved_at IS NULL")
              .bind("at", at).bind("key", key).execute();
          resolved.add(key);
        }
      }
      return resolved;
    });
  }

  public List<Alert> list(AlertQuery q) {
    StringBuilder sql = new StringBuilder("SELECT * FROM alerts WHERE true");
    q.kind().ifPresent(k -> sql.append(" AND kind = :kind"));
    q.severity().ifPresent(s -> sql.append(" AND severity = :severity"));
    q.seatId().ifPresent(s -> sql.append(" AND seat_id = :seat"));
    q.open().ifPresent(o -> sql.append(o ? " AND resolved_at IS NULL" : " AND resolved_at IS NOT NULL"));
    q.cursor().ifPresent(c -> sql.append(" AND id < :cursor"));
    sql.append(" ORDER BY id DESC LIMIT :limit");
    return jdbi.withHandle(h -> {
      Query query = h.createQuery(sql.toString()).bind("limit", q.limit());
      q.kind().ifPresent(k -> query.bind("kind", k.name()));
      q.severity().ifPresent(s -> query.bind("severity", s.name()));
      q.seatId().ifPresent(s -> query.bind("seat", s));
      q.cursor().ifPresent(c -> query.bind("cursor", c));
      return query.map(AlertService::map).list();
    });
  }

  /** What {@link #acknowledge} did; the alert as it is after the call (absent when unknown). */
  public record Acknowledgement(Outcome outcome, Optional<Alert> alert) {
    /**
     * The acknowledged alert, or the refusal both acknowledge routes (API and console) answer with:
     * 404 NOT_FOUND, 409 ALERT_ALREADY_RESOLVED or ALERT_ALREADY_ACKNOWLEDGED.
     */
    public Alert acknowledgedOrThrow(long id) {
      return switch (outcome) {
        case ACKNOWLEDGED -> alert.orElseThrow();
        case NOT_FOUND -> throw Problem.notFound("no such alert");
        case ALREADY_RESOLVED -> throw Problem.conflict(ErrorCodes.ALERT_ALREADY_RESOLVED, "alert " + id + " is already resolved");
        case ALREADY_ACKNOWLEDGED -> throw Problem.conflict(ErrorCodes.ALERT_ALREADY_ACKNOWLEDGED,
            "alert " + id + " was already acknowledged; it resolves when its condition clears");
      };
    }
  }

  public enum Outcome {
    /** Recorded; an event alert is also resolved by it. */
    ACKNOWLEDGED,
    NOT_FOUND,
    ALREADY_RESOLVED,
    /** A condition alert someone already acknowledged: it stays open until the condition clears. */
    ALREADY_ACKNOWLEDGED
  }

  /**
   * Records that {@code actor} looked at an open alert. An event alert ({@link AlertKind#isEvent})
   * is resolved by it, because no evaluator will ever see its condition clear; a condition alert
   * keeps resolving itself. The row is locked, so two ADMINs acknowledging at once get one success.
   */
  public Acknowledgement acknowledge(long id, String actor, Optional<String> note) {
    if (actor == null || actor.isBlank()) {
      throw new IllegalArgumentException("an acknowledgement needs an actor");
    }
    OffsetDateTime at = now();
    return jdbi.inTransaction(h -> {
      Optional<Alert> found = h.createQuery("SELECT * FROM alerts WHERE id = :id FOR UPDATE").bind("id", id)
          .map(AlertService::map).findOne();
      if (found.isEmpty()) {
        return new Acknowledgement(Outcome.NOT_FOUND, found);
      }
      Alert a = found.get();
      if (!a.open()) {
        return new Acknowledgement(Outcome.ALREADY_RESOLVED, found);
      }
      if (a.acknowledgedBy().isPresent()) {
        return new Acknowledgement(Outcome.ALREADY_ACKNOWLEDGED, found);
      }
      Alert done = h.createQuery("UPDATE alerts SET acknowledged_by = :actor, acknowledged_at = GREATEST(:at, first_seen),"
              + " acknowledge_note = :note, resolved_at = CASE WHEN :event THEN GREATEST(:at, first_seen) END"
              + " WHERE id = :id RETURNING *")
          .bind("actor", actor).bind("at", at).bind("note", note.orElse(null)).bind("event", a.kind().isEvent())
          .bind("id", id).map(AlertService::map).one();
      return new Acknowledgement(Outcome.ACKNOWLEDGED, Optional.of(done));
    });
  }

  /** One alert by id, open or not (the webhook dispatcher reads what it delivers through this). */
  public Optional<Alert> find(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM alerts WHERE id = :id").bind("id", id).map(AlertService::map)
        .findOne());
  }

  public Optional<Alert> openAlert(String dedupeKey) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM alerts WHERE dedupe_key = :key AND resolved_at IS NULL")
        .bind("key", dedupeKey).map(AlertService::map).findOne());
  }

  /** Open alerts counted by kind and severity, for the metrics and the dashboard. */
  public Map<String, Long> openCounts() {
    return jdbi.withHandle(h -> {
      Map<String, Long> counts = new TreeMap<>();
      h.createQuery("SELECT kind, severity, count(*) AS n FROM alerts WHERE resolved_at IS NULL GROUP BY kind, severity")
          .map((rs, ctx) -> Map.entry(rs.getString("kind") + "/" + rs.getString("severity"), rs.getLong("n")))
          .forEach(e -> counts.put(e.getKey(), e.getValue()));
      return counts;
    });
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static void requireSource(String source) {
    if (source == null || !source.matches("[a-z][a-z0-9-]{0,39}")) {
      throw new IllegalArgumentException("alert source must be a short lower-case name");
    }
  }

  static Alert map(ResultSet rs, StatementContext ctx) throws SQLException {
    long seat = rs.getLong("seat_id");
    Optional<Long> seatId = rs.wasNull() ? Optional.empty() : Optional.of(seat);
    Timestamp resolved = rs.getTimestamp("resolved_at");
    return new Alert(rs.getLong("id"), rs.getString("source"), AlertKind.valueOf(rs.getString("kind")),
        Severity.valueOf(rs.getString("severity")), seatId, rs.getString("dedupe_key"), rs.getString("message"),
        rs.getTimestamp("first_seen").toInstant(), rs.getTimestamp("last_seen").toInstant(), rs.getLong("count"),
        Optional.ofNullable(resolved).map(Timestamp::toInstant), Optional.ofNullable(rs.getString("acknowledged_by")),
        Optional.ofNullable(rs.getTimestamp("acknowledged_at")).map(Timestamp::toInstant),
        Optional.ofNullable(rs.getString("acknowledge_note")));
  }
}
