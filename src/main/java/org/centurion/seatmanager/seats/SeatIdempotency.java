package org.centurion.seatmanager.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Optional;
import org.centurion.seatmanager.problem.Problem;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Idempotency-Key for seat POSTs, keyed by (key, concrete path, actor). The answer is stored in the
 * transaction of the command that committed it, so a replay never exists without its effect nor an
 * effect without its replay.
 */
public final class SeatIdempotency {
  public static final String HEADER = "Idempotency-Key";

  /** A committed answer. */
  public record Stored(SeatReply.Outcome outcome, String body) {}

  private final Jdbi jdbi;

  public SeatIdempotency(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Advisory-lock space of idempotency keys (the second key is the key's hash). */
  private static final int LOCK_SPACE = 0x5EA7_1D3;
  /** Per-instance stripes: a waiting request holds no database connection while another of its key runs. */
  private final java.util.concurrent.locks.ReentrantLock[] stripes = new java.util.concurrent.locks.ReentrantLock[64];

  {
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new java.util.concurrent.locks.ReentrantLock();
    }
  }

  /** Held while one request of a (key, route, actor) runs: in this instance, and across instances. */
  public final class Lock implements AutoCloseable {
    private final java.util.concurrent.locks.ReentrantLock local;
    private final Handle db;
    private final int id;

    private Lock(java.util.concurrent.locks.ReentrantLock local, Handle db, int id) {
      this.local = local;
      this.db = db;
      this.id = id;
    }

    @Override
    public void close() {
      try {
        db.execute("SELECT pg_advisory_unlock(?, ?)", LOCK_SPACE, id);
        db.close();
      } finally {
        local.unlock();
      }
    }
  }

  Lock lock(String key, String route, String actor) {
    int id = (key + "\n" + route + "\n" + actor).hashCode();
    java.util.concurrent.locks.ReentrantLock local = stripes[Math.floorMod(id, stripes.length)];
    local.lock();
    try {
      Handle h = jdbi.open();
      try {
        h.execute("SELECT pg_advisory_lock(?, ?)", LOCK_SPACE, id);
      } catch (RuntimeException e) {
        h.close();
        throw e;
      }
      return new Lock(local, h, id);
    } catch (RuntimeException e) {
      local.unlock();
      throw e;
    }
  }

  public static String validKey(String key) {
    if (key == null) {
      return null;
    }
    String k = key.strip();
    if (k.isEmpty() || k.length() > 200 || !k.matches("[\\x21-\\x7e]+")) {
      throw Problem.badRequest(ErrorCodes.INVALID_IDEMPOTENCY_KEY, HEADER + " must be 1 to 200 printable ASCII characters");
    }
    return k;
  }

  /**
   * The stored answer for this key, route and actor when the body is the same one.
   *
   * @throws Problem 409 IDEMPOTENCY_KEY_REUSED when the key was used with another body
   */
  public Optional<Stored> replay(String key, String route, String actor, String requestHash) {
    return jdbi.withHandle(h -> replay(h, key, route, actor, requestHash));
  }

  Optional<Stored> replay(Handle h, String key, String route, String actor, String requestHash) {
    Optional<String[]> row = h.createQuery("SELECT request_hash, response_status, response_body FROM seat_idempotency "
            + "WHERE idempotency_key = :k AND route = :r AND actor = :a")
        .bind("k", key).bind("r", route).bind("a", actor)
        .map((rs, ctx) -> new String[] {rs.getString(1), Integer.toString(rs.getInt(2)), rs.getString(3)})
        .findOne();
    if (row.isEmpty()) {
      return Optional.empty();
    }
    if (!java.security.MessageDigest.isEqual(row.get()[0].getBytes(), requestHash.getBytes())) {
      throw Problem.conflict(ErrorCodes.IDEMPOTENCY_KEY_REUSED,
          "this " + HEADER + " was already used with a different request body on this route");
    }
    return Optional.of(new Stored(outcome(Integer.parseInt(row.get()[1])), row.get()[2]));
  }

  /**
   * {@code response_status} keeps the numbers rows have always held (200 done, 202 queued), so an
   * answer stored by an older build replays unchanged.
   */
  private static final int STORED_DONE = 200;
  private static final int STORED_QUEUED = 202;

  private static int stored(SeatReply.Outcome outcome) {
    return switch (outcome) {
      case DONE -> STORED_DONE;
      case QUEUED -> STORED_QUEUED;
    };
  }

  private static SeatReply.Outcome outcome(int stored) {
    return switch (stored) {
      case STORED_DONE -> SeatReply.Outcome.DONE;
      case STORED_QUEUED -> SeatReply.Outcome.QUEUED;
      default -> throw new IllegalStateException("seat_idempotency.response_status " + stored + " is not an answer this build stores");
    };
  }

  void record(Handle tx, String key, String route, String actor, String requestHash, SeatReply.Outcome outcome,
      String body) {
    int status = stored(outcome);
    tx.createUpdate("INSERT INTO seat_idempotency (idempotency_key, route, actor, request_hash, response_status, "
            + "response_body) VALUES (:k, :r, :a, :h, :s, :b)")
        .bind("k", key).bind("r", route).bind("a", actor).bind("h", requestHash).bind("s", status).bind("b", body)
        .execute();
  }
}
