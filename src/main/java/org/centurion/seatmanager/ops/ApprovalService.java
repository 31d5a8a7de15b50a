package org.centurion.seatmanager.ops;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.problem.Problem;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Two-person approval (issue 15): with {@code required} above 1, an irreversible action is first a
 * pending approval; it runs only when that many distinct ADMINs (the requester counts as the first)
 * approved it, each with step-up. The requester cannot approve their own request; one rejection ends
 * it; it expires after {@code ttl}. The caller runs the action itself, when {@link #approve} says the
 * last approval arrived (and inside no transaction of ours: the action re-checks everything it needs).
 */
public final class ApprovalService {
  public static final String SEAT_DEPOSIT = "seat.deposit";
  public static final String SEAT_FORCE_EXIT = "seat.force_exit";
  public static final String SEAT_SETTLE = "seat.settle";
  public static final String EXECUTOR_RESUME = "executor.resume";
  public static final String APPROVAL_NOT_PENDING = "APPROVAL_NOT_PENDING";
  public static final String APPROVAL_EXPIRED = "APPROVAL_EXPIRED";
  public static final String OWN_REQUEST = "APPROVAL_OWN_REQUEST";
  public static final String ALREADY_VOTED = "APPROVAL_ALREADY_VOTED";
  public static final String APPROVAL_PENDING = "APPROVAL_PENDING";

  /** One approval as stored, with the ADMINs who approved it so far. */
  public record Approval(long id, String action, String target, String summary, Optional<String> reason, String requestedBy,
      long requestedById, int required, String status, Instant createdAt, Instant expiresAt, List<String> approvedBy) {}

  private final Jdbi jdbi;
  private final Clock clock;
  private final int required;
  private final Duration ttl;

  public ApprovalService(Jdbi jdbi, Clock clock, int required, Duration ttl) {
    if (required < 1) {
      throw new IllegalArgumentException("approvals required must be at least 1");
    }
    this.jdbi = jdbi;
    this.clock = clock;
    this.required = required;
    this.ttl = ttl;
  }

  /** Whether actions of this kind wait for a second ADMIN. */
  public boolean needed() {
    return required > 1;
  }

  public int required() {
    return required;
  }

  /** The requester's own approval opens it; refused while one for the same action and target is pending. */
  public Approval request(String action, String target, String summary, Optional<String> reason, long userId, String username) {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      expire(h, now);
      Optional<Long> open = h.createQuery("SELECT id FROM approvals WHERE action = :a AND target = :t AND status = 'PENDING'")
          .bind("a", action).bind("t", target).mapTo(Long.class).findOne();
      if (open.isPresent()) {
        throw Problem.conflict(APPROVAL_PENDING, "approval " + open.get() + " for " + action + " " + target + " is pending already");
      }
      long id = h.createQuery("INSERT INTO approvals (action, target, summary, reason, requested_by, requested_by_id, required,"
              + " created_at, expires_at) VALUES (:a, :t, :s, :r, :by, :uid, :n, :at, :exp) RETURNING id")
          .bind("a", action).bind("t", target).bind("s", summary).bind("r", reason.orElse(null)).bind("by", username)
          .bind("uid", userId).bind("n", required).bind("at", Timestamp.from(now)).bind("exp", Timestamp.from(now.plus(ttl)))
          .mapTo(Long.class).one();
      vote(h, id, userId, username, "APPROVE", now);
      return find(h, id);
    });
  }

  /**
   * Adds an ADMIN's approval.
   *
   * @return the approval; status APPROVED when this was the last one needed (the caller then runs it)
   */
  public Approval approve(long id, long userId, String username) {
    return decide(id, userId, username, true);
  }

  public Approval reject(long id, long userId, String username) {
    return decide(id, userId, username, false);
  }

  public List<Approval> pending() {
    return jdbi.withHandle(h -> {
      expire(h, clock.instant());
      return h.createQuery("SELECT id FROM approvals WHERE status = 'PENDING' ORDER BY id").mapTo(Long.class).list().stream()
          .map(id -> find(h, id)).toList();
    });
  }

  public Approval find(long id) {
    return jdbi.withHandle(h -> find(h, id));
  }

  private Approval decide(long id, long userId, String username, boolean approve) {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      Approval a = h.createQuery("SELECT id FROM approvals WHERE id = :id FOR UPDATE").bind("id", id).mapTo(Long.class)
          .findOne().map(x -> find(h, x)).orElseThrow(() -> Problem.notFound("no approval " + id));
      if (a.status().equals("PENDING") && !a.expiresAt().isAfter(now)) {
        h.createUpdate("UPDATE approvals SET status = 'EXPIRED', decided_at = :at WHERE id = :id")
            .bind("at", Timestamp.from(now)).bind("id", id).execute();
        throw Problem.conflict(APPROVAL_EXPIRED, "approval " + id + " expired at " + a.expiresAt());
      }
      if (!a.status().equals("PENDING")) {
        throw Problem.conflict(APPROVAL_NOT_PENDING, "approval " + id + " is " + a.status());
      }
      if (a.requestedById() == userId && approve) {
        throw Problem.forbidden(OWN_REQUEST, "the requester cannot approve their own request: another ADMIN must");
      }
      boolean voted = h.createQuery("SELECT EXISTS (SELECT 1 FROM approval_votes WHERE approval_id = :id AND user_id = :u)")
          .bind("id", id).bind("u", userId).mapTo(Boolean.class).one();
      if (voted) {
        throw Problem.conflict(ALREADY_VOTED, "you approved approval " + id + " already: another ADMIN must");
      }
      vote(h, id, userId, username, approve ? "APPROVE" : "REJECT", now);
      int approvals = h.createQuery("SELECT count(*) FROM approval_votes WHERE approval_id = :id AND decision = 'APPROVE'")
          .bind("id", id).mapTo(Integer.class).one();
      String status = !approve ? "REJECTED" : approvals >= a.required() ? "APPROVED" : "PENDING";
      if (!status.equals("PENDING")) {
        h.createUpdate("UPDATE approvals SET status = :s, decided_at = :at WHERE id = :id AND status = 'PENDING'")
            .bind("s", status).bind("at", Timestamp.from(now)).bind("id", id).execute();
      }
      return find(h, id);
    });
  }

  private static void vote(Handle h, long id, long userId, String username, String decision, Instant now) {
    h.createUpdate("INSERT INTO approval_votes (approval_id, user_id, username, decision, at) VALUES (:id, :u, :n, :d, :at)")
        .bind("id", id).bind("u", userId).bind("n", username).bind("d", decision).bind("at", Timestamp.from(now)).execute();
  }

  private static void expire(Handle h, Instant now) {
    h.createUpdate("UPDATE approvals SET status = 'EXPIRED', decided_at = :at WHERE status = 'PENDING' AND expires_at <= :at")
        .bind("at", Timestamp.from(now)).execute();
  }

  private static Approval find(Handle h, long id) {
    List<String> by = h.createQuery("SELECT username FROM approval_votes WHERE approval_id = :id AND decision = 'APPROVE'"
        + " ORDER BY at").bind("id", id).mapTo(String.class).list();
    return h.createQuery("SELECT * FROM approvals WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> new Approval(rs.getLong("id"), rs.getString("action"), rs.getString("target"), rs.getString("summary"),
            Optional.ofNullable(rs.getString("reason")), rs.getString("requested_by"), rs.getLong("requested_by_id"),
            rs.getInt("required"), rs.getString("status"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("expires_at").toInstant(), by))
        .findOne().orElseThrow(() -> Problem.notFound("no approval " + id));
  }
}
