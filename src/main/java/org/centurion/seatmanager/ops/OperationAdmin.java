package org.centurion.seatmanager.ops;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.problem.Problem;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * What an on-call operator does with operations (issue 15): lists them, reads one with its intents
 * and attempts, retries a FAILED one (a new operation linked to the old, which stays as it was) and
 * cancels one that can never have left the process (QUEUED: no intent, so nothing signed). An
 * operation with an intent is never cancelled here: a signed transaction may still land, and a
 * same-nonce replacement to self is not implemented (the treasury policy refuses it), so such a cancel
 * is refused with that reason. Every retried operation runs all the executor's checks again before it
 * is signed (the treasury guard rebuilds its call from the seat rows, the simulation, the pause).
 */
public final class OperationAdmin {
  public static final String NOT_RETRYABLE = "OPERATION_NOT_RETRYABLE";
  public static final String NOT_CANCELLABLE = "OPERATION_NOT_CANCELLABLE";
  public static final String ALREADY_RETRIED = "OPERATION_ALREADY_RETRIED";
  public static final String OPERATION_PENDING = "OPERATION_PENDING";
  public static final String INVALID_REASON = EmergencyPause.INVALID_REASON;
  public static final int MAX_LIMIT = 500;

  /** The filters of the list; every one optional. {@code minAge}: created at least that long ago. */
  public record Filter(Optional<OperationStatus> status, Optional<OperationKind> kind, Optional<Long> seatId,
      Optional<Duration> minAge, Optional<Long> cursor, int limit) {}

  private final Jdbi jdbi;
  private final Clock clock;
  private final boolean writesEnabled;
  private final Map<OperationKind, OperationOutcomes> outcomes;
  private final TxIntentStore store = new TxIntentStore();

  /** @param outcomes per kind, what the feature does when one of its operations is cancelled (as on failure) */
  public OperationAdmin(Jdbi jdbi, Clock clock, boolean writesEnabled, Map<OperationKind, OperationOutcomes> outcomes) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.writesEnabled = writesEnabled;
    this.outcomes = Map.copyOf(outcomes);
  }

  /** Newest first, {@code limit} at most, below {@code cursor} when given. */
  public List<Operation> list(Filter f) {
    if (f.limit() < 1 || f.limit() > MAX_LIMIT) {
      throw Problem.badRequest("INVALID_QUERY", "limit must be 1.." + MAX_LIMIT);
    }
    StringBuilder sql = new StringBuilder("SELECT " + OperationService.COLUMNS + " FROM operations WHERE true");
    f.status().ifPresent(s -> sql.append(" AND status = :status"));
    f.kind().ifPresent(k -> sql.append(" AND kind = :kind"));
    f.seatId().ifPresent(s -> sql.append(" AND seat_id = :seat"));
    f.minAge().ifPresent(a -> sql.append(" AND created_at <= :before"));
    f.cursor().ifPresent(c -> sql.append(" AND id < :cursor"));
    sql.append(" ORDER BY id DESC LIMIT :limit");
    return jdbi.withHandle(h -> {
      Query q = h.createQuery(sql.toString()).bind("limit", f.limit());
      f.status().ifPresent(s -> q.bind("status", s.name()));
      f.kind().ifPresent(k -> q.bind("kind", k.name()));
      f.seatId().ifPresent(s -> q.bind("seat", s));
      f.minAge().ifPresent(a -> q.bind("before", Timestamp.from(clock.instant().minus(a))));
      f.cursor().ifPresent(c -> q.bind("cursor", c));
      return q.map((rs, ctx) -> OperationService.map(rs)).list();
    });
  }

  /** One operation with its intents, their attempts, its retry links and what can be done with it. */
  public Map<String, Object> detail(long id) {
    return jdbi.withHandle(h -> {
      Operation op = find(h, id);
      Map<String, Object> m = OperationViews.operation(op);
      m.put("decodedCall", OperationViews.decodedCall(op));
      m.put("retryOf", retryOf(h, id).orElse(null));
      m.put("retriedBy", retriedBy(h, id).orElse(null));
      List<Map<String, Object>> intents = new ArrayList<>();
      List<TxIntent> all = store.intentsOf(h, id);
      for (TxIntent i : all) {
        intents.add(OperationViews.intent(i, store.attempts(h, i.id())));
      }
      m.put("intents", intents);
      m.put("actions", actions(h, op, all));
      return m;
    });
  }

  /**
   * Queues a new operation with the failed one's exact call, linked to it.
   *
   * @throws Problem NOT_RETRYABLE unless FAILED (or for a vault deployment, whose seat request closed),
   *     ALREADY_RETRIED, OPERATION_PENDING while the seat has another operation queued or in flight
   */
  public Operation retry(long id, String actor) {
    requireWrites();
    return jdbi.inTransaction(h -> {
      Operation op = h.createQuery("SELECT " + OperationService.COLUMNS + " FROM operations WHERE id = :id FOR UPDATE")
          .bind("id", id).map((rs, ctx) -> OperationService.map(rs)).findOne()
          .orElseThrow(() -> Problem.notFound("no operation " + id));
      Optional<String> refusal = retryRefusal(h, op);
      if (refusal.isPresent()) {
        throw refusal.get().startsWith(ALREADY_RETRIED) ? Problem.conflict(ALREADY_RETRIED, refusal.get())
            : refusal.get().startsWith(OPERATION_PENDING) ? Problem.conflict(OPERATION_PENDING, refusal.get())
            : Problem.conflict(NOT_RETRYABLE, refusal.get());
      }
      long newId = h.createQuery("INSERT INTO operations (seat_id, kind, target, value_wei, calldata, not_before, requested_by,"
              + " retry_of) SELECT seat_id, kind, target, value_wei, calldata, :now, :by, id FROM operations WHERE id = :id"
              + " RETURNING id")
          .bind("now", Timestamp.from(clock.instant())).bind("by", actor).bind("id", id).mapTo(Long.class).one();
      return find(h, newId);
    });
  }

  /**
   * Cancels a QUEUED operation (no intent, nothing signed) with its feature's failure outcome, in one
   * transaction with the status change; the executor's claim and this cancel exclude each other on the row.
   */
  public Operation cancel(long id, String actor, String reason) {
    String why = EmergencyPause.validReason(reason);
    return jdbi.inTransaction(h -> {
      Operation op = find(h, id);
      List<TxIntent> intents = store.intentsOf(h, id);
      Optional<String> refusal = cancelRefusal(op, intents);
      if (refusal.isPresent()) {
        throw Problem.conflict(NOT_CANCELLABLE, refusal.get());
      }
      String note = "CANCELLED by " + actor + ": " + why;
      int changed = h.createUpdate("UPDATE operations SET status = 'CANCELLED', last_error = :r, updated_at = now()"
              + " WHERE id = :id AND status = 'QUEUED' AND NOT EXISTS (SELECT 1 FROM tx_intents WHERE operation_id = :id)")
          .bind("id", id).bind("r", note).execute();
      if (changed != 1) {
        throw Problem.conflict(NOT_CANCELLABLE, "operation " + id + " was started by the executor meanwhile; nothing was cancelled");
      }
      Operation now = find(h, id);
      OperationOutcomes outcome = outcomes.get(now.kind());
      if (outcome != null) {
        outcome.failed(h, now, note);
      }
      return now;
    });
  }

  private void requireWrites() {
    if (!writesEnabled) {
      throw Problem.unavailable(ErrorCodes.WRITES_DISABLED, "writes are disabled (SEAT_MANAGER_WRITES_ENABLED)");
    }
  }

  /** What can be done with the operation now, and why not the rest: action → "allowed" or the reason. */
  private Map<String, String> actions(Handle h, Operation op, List<TxIntent> intents) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("retry", retryRefusal(h, op).orElse("allowed"));
    m.put("cancel", cancelRefusal(op, intents).orElse("allowed"));
    return m;
  }

  private Optional<String> retryRefusal(Handle h, Operation op) {
    if (op.status() != OperationStatus.FAILED) {
      return Optional.of("only a FAILED operation can be retried; this one is " + op.status());
    }
    if (op.kind() == OperationKind.DEPLOY_VAULT) {
      return Optional.of("a failed vault deployment closed its seat request: create the seat again (POST /v1/seats/with-vault)");
    }
    Optional<Long> retried = retriedBy(h, op.id());
    if (retried.isPresent()) {
      return Optional.of(ALREADY_RETRIED + ": operation " + op.id() + " was retried as operation " + retried.get());
    }
    if (op.seatId().isPresent()) {
      Optional<Long> pending = h.createQuery("SELECT id FROM operations WHERE seat_id = :s AND status IN ('QUEUED', 'IN_FLIGHT')"
          + " ORDER BY id LIMIT 1").bind("s", op.seatId().get()).mapTo(Long.class).findOne();
      if (pending.isPresent()) {
        return Optional.of(OPERATION_PENDING + ": seat " + op.seatId().get() + " has operation " + pending.get()
            + " queued or in flight");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> cancelRefusal(Operation op, List<TxIntent> intents) {
    if (op.status().isFinal()) {
      return Optional.of("operation " + op.id() + " is " + op.status() + " already");
    }
    if (!intents.isEmpty() || op.status() != OperationStatus.QUEUED) {
      // Its intent may be signed and may still land; only a same-nonce replacement could stop it.
      return Optional.of("operation " + op.id() + " has a transaction intent (nonce "
          + intents.stream().map(i -> Long.toString(i.nonce())).reduce((a, b) -> b).orElse("?")
          + "): a signed transaction can still be mined, and a same-nonce replacement to self is not allowed by the"
          + " treasury policy; wait for its verdict, or pause the executor");
    }
    return Optional.empty();
  }

  private static Operation find(Handle h, long id) {
    return h.createQuery("SELECT " + OperationService.COLUMNS + " FROM operations WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> OperationService.map(rs)).findOne()
        .orElseThrow(() -> Problem.notFound("no operation " + id));
  }

  private static Optional<Long> retryOf(Handle h, long id) {
    return h.createQuery("SELECT retry_of FROM operations WHERE id = :id AND retry_of IS NOT NULL").bind("id", id)
        .mapTo(Long.class).findOne();
  }

  private static Optional<Long> retriedBy(Handle h, long id) {
    return h.createQuery("SELECT id FROM operations WHERE retry_of = :id").bind("id", id).mapTo(Long.class).findOne();
  }
}
