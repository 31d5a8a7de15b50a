package org.centurion.seatmanager.seats;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.centurion.seatmanager.chain.ChainException;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.problem.ProblemKind;
import org.centurion.seatmanager.auth.Caller;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every seat POST does around its command, in this order: CSM-01 on the body, refusal when the
 * route would sign and writes are disabled, Idempotency-Key replay or conflict, then the command,
 * whose transaction also stores the answer for its key. Domain refusals become stable problems.
 * Knows nothing of HTTP: {@code web.seats.SeatPost} reads the request and writes the answer.
 */
public final class SeatCommandRunner {
  /** A seat command; {@code tx} runs its changes in one transaction with the idempotency record. */
  public interface Command {
    SeatReply run(JsonNode body, Caller caller, Committer tx);
  }

  public interface Committer {
    SeatReply commit(Function<Handle, SeatReply> work);
  }

  /**
   * One seat POST.
   *
   * @param route the route id the idempotency record is kept under ({@code POST /v1/seats/1/approve})
   * @param idempotencyKey the Idempotency-Key as sent, if any (validated here)
   * @param bodySha256 hex SHA-256 of the raw body, so a reused key with another body is refused
   */
  public record Request(String route, Caller caller, Optional<String> idempotencyKey, String bodySha256,
      JsonNode body) {}

  /** The answer to send: the command's reply, or the stored answer of an earlier request with the key. */
  public record Answer(SeatReply.Outcome outcome, String json, boolean replayed) {}

  /** Writes the stored answers; reading is the web layer's (its mapper is strict about input). */
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Jdbi jdbi;
  private final SeatIdempotency idempotency;
  private final boolean writesEnabled;

  public SeatCommandRunner(Jdbi jdbi, SeatIdempotency idempotency, boolean writesEnabled) {
    this.jdbi = jdbi;
    this.idempotency = idempotency;
    this.writesEnabled = writesEnabled;
  }

  /** @param signs the route may sign or send a transaction: refused while writes are disabled */
  public Answer run(Request request, boolean signs, Command command) {
    refuseBeforeCommand(request.body(), signs);
    String key = SeatIdempotency.validKey(request.idempotencyKey().orElse(null));
    if (key == null) {
      return run(request, command, null);
    }
    // Requests with one key are answered one after the other, so the second finds the first's stored
    // answer instead of racing it into the command (where it would meet, e.g., PUBKEY_TAKEN).
    try (SeatIdempotency.Lock held = idempotency.lock(key, request.route(), actor(request))) {
      return run(request, command, key);
    }
  }

  private static String actor(Request request) {
    return request.caller().kind() + ":" + request.caller().name();
  }

  private Answer run(Request request, Command command, String key) {
    String route = request.route();
    String actor = actor(request);
    String hash = request.bodySha256();
    if (key != null) {
      Optional<SeatIdempotency.Stored> stored = idempotency.replay(key, route, actor, hash);
      if (stored.isPresent()) {
        return new Answer(stored.get().outcome(), stored.get().body(), true);
      }
    }
    SeatReply reply;
    try {
      reply = execute(command, request.body(), request.caller(), work -> jdbi.inTransaction(h -> {
        SeatReply r = work.apply(h);
        if (key != null) {
          idempotency.record(h, key, route, actor, hash, r.outcome(), JSON.writeValueAsString(r.body()));
        }
        return r;
      }));
    } catch (UnableToExecuteStatementException e) {
      if (key != null && isUniqueViolation(e)) {
        // A concurrent request with the same key committed first: answer as it did, or refuse.
        Optional<SeatIdempotency.Stored> stored = idempotency.replay(key, route, actor, hash);
        if (stored.isPresent()) {
          return new Answer(stored.get().outcome(), stored.get().body(), true);
        }
      }
      throw e;
    }
    return new Answer(reply.outcome(), JSON.writeValueAsString(reply.body()), false);
  }

  /**
   * The console's way in (a form carries no Idempotency-Key): the same CSM-01 check, write switch,
   * command and error mapping as {@link #run}; the answer is returned for the page to show.
   *
   * @param body the form's fields as JSON, so CSM-01 sees every name the browser sent
   */
  public SeatReply submit(JsonNode body, Caller caller, boolean signs, Command command) {
    refuseBeforeCommand(body, signs);
    return execute(command, body, caller, work -> jdbi.inTransaction(work::apply));
  }

  private void refuseBeforeCommand(JsonNode body, boolean signs) {
    TreasuryFieldGuard.check(body);
    if (signs && !writesEnabled) {
      throw Problem.unavailable(ErrorCodes.WRITES_DISABLED,
          "writes are disabled (SEAT_MANAGER_WRITES_ENABLED=false): nothing was signed or changed");
    }
  }

  /** Runs the command; domain refusals become stable API errors. */
  private static SeatReply execute(Command command, JsonNode body, Caller caller, Committer tx) {
    try {
      return command.run(body, caller, tx);
    } catch (InvalidStateException e) {
      throw invalidState(e);
    } catch (BeaconReads.BeaconUnavailableException e) {
      throw new Problem(ProblemKind.UNAVAILABLE, ErrorCodes.BEACON_UNAVAILABLE, "a beacon endpoint could not answer; nothing was changed: "
          + e.getMessage());
    } catch (ChainException e) {
      throw new Problem(ProblemKind.UNAVAILABLE, ErrorCodes.CHAIN_UNAVAILABLE, "an execution endpoint could not answer; nothing was changed ("
          + e.code() + ")");
    }
  }

  public static Problem invalidState(InvalidStateException e) {
    return new Problem(ProblemKind.CONFLICT, ErrorCodes.INVALID_STATE, e.getMessage(), List.of(Map.of("currentState", e.current().name())));
  }

  private static boolean isUniqueViolation(UnableToExecuteStatementException e) {
    return e.getCause() instanceof java.sql.SQLException s && "23505".equals(s.getSQLState());
  }

  public static String sha256(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
