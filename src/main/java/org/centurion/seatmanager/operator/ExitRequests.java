package org.centurion.seatmanager.operator;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.problem.Problem;
import org.jdbi.v3.core.Jdbi;

/**
 * Voluntary-exit requests: an operator asks, an ADMIN sees the request and decides. Nothing here
 * signs or queues an exit: an accepted request is carried out by an ADMIN through the seat's own
 * force-exit route, with its step-up and checks.
 */
public final class ExitRequests {
  public static final int MAX_REASON_CHARS = 500;

  private final Jdbi jdbi;
  private final Clock clock;

  ExitRequests(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public record ExitRequest(long id, long seatId, String requestedBy, String reason, Instant requestedAt, String status,
      Optional<String> decidedBy, Optional<Instant> decidedAt, Optional<String> decisionNote) {}

  /** Opens a request, or answers with the open one: one open request per seat. */
  public ExitRequest request(long seatId, String requestedBy, String reason) {
    String r = reason == null ? "" : reason.strip();
    if (r.isEmpty() || r.length() > MAX_REASON_CHARS) {
      throw Problem.badRequest(OperatorErrors.INVALID_REASON, "a reason of 1 to " + MAX_REASON_CHARS + " characters is required");
    }
    return jdbi.inTransaction(h -> {
      h.createUpdate("INSERT INTO operator_exit_requests (seat_id, requested_by, reason, requested_at)"
              + " VALUES (:s, :by, :r, :now) ON CONFLICT (seat_id) WHERE status = 'OPEN' DO NOTHING")
          .bind("s", seatId).bind("by", requestedBy).bind("r", r).bind("now", ts(clock.instant())).execute();
      return h.createQuery("SELECT * FROM operator_exit_requests WHERE seat_id = :s AND status = 'OPEN'")
          .bind("s", seatId).map((rs, c) -> map(rs)).one();
    });
  }

  /** An ADMIN's decision on an open request; a decided request stays as decided. */
  public ExitRequest decide(long id, boolean accept, String note, String by) {
    String n = note == null ? "" : note.strip();
    if (n.length() > MAX_REASON_CHARS) {
      throw Problem.badRequest(OperatorErrors.INVALID_DECISION, "a note is at most " + MAX_REASON_CHARS + " characters");
    }
    return jdbi.inTransaction(h -> {
      int updated = h.createUpdate("UPDATE operator_exit_requests SET status = :st, decided_by = :by, decided_at = :now,"
              + " decision_note = :n WHERE id = :id AND status = 'OPEN'")
          .bind("st", accept ? "ACCEPTED" : "DECLINED").bind("by", by).bind("now", ts(clock.instant())).bind("n", n)
          .bind("id", id).execute();
      Optional<ExitRequest> row = h.createQuery("SELECT * FROM operator_exit_requests WHERE id = :id").bind("id", id)
          .map((rs, c) -> map(rs)).findOne();
      if (row.isEmpty()) {
        throw Problem.notFound("no such exit request");
      }
      if (updated == 0) {
        throw Problem.conflict(OperatorErrors.EXIT_REQUEST_DECIDED, "this exit request was decided already");
      }
      return row.get();
    });
  }

  public List<ExitRequest> list(Optional<String> status) {
    String where = status.isPresent() ? " WHERE status = :st" : "";
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM operator_exit_requests" + where + " ORDER BY id DESC LIMIT 500")
        .bind("st", status.orElse("")).map((rs, c) -> map(rs)).list());
  }

  public List<ExitRequest> forSeat(long seatId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM operator_exit_requests WHERE seat_id = :s ORDER BY id")
        .bind("s", seatId).map((rs, c) -> map(rs)).list());
  }

  public static Map<String, Object> view(ExitRequest e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("seatId", e.seatId());
    m.put("requestedBy", e.requestedBy());
    m.put("reason", e.reason());
    m.put("requestedAt", e.requestedAt().toString());
    m.put("status", e.status());
    m.put("decidedBy", e.decidedBy().orElse(null));
    m.put("decidedAt", e.decidedAt().map(Instant::toString).orElse(null));
    m.put("decisionNote", e.decisionNote().orElse(null));
    return m;
  }

  private static ExitRequest map(ResultSet rs) throws SQLException {
    OffsetDateTime decided = rs.getObject("decided_at", OffsetDateTime.class);
    return new ExitRequest(rs.getLong("id"), rs.getLong("seat_id"), rs.getString("requested_by"), rs.getString("reason"),
        rs.getObject("requested_at", OffsetDateTime.class).toInstant(), rs.getString("status"),
        Optional.ofNullable(rs.getString("decided_by")), Optional.ofNullable(decided).map(OffsetDateTime::toInstant),
        Optional.ofNullable(rs.getString("decision_note")));
  }

  private static OffsetDateTime ts(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
