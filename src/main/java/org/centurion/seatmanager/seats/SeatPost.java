package org.centurion.seatmanager.seats;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.chain.ChainException;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.auth.Caller;
import org.centurion.seatmanager.web.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every seat POST does around its command, in this order: CSM-01 on the body, 503 when the
 * route would sign and writes are disabled, Idempotency-Key replay or conflict, then the command,
 * whose transaction also stores the answer for its key. Domain refusals become stable API errors.
 */
public final class SeatPost {
  /** A seat command; {@code tx} runs its changes in one transaction with the idempotency record. */
  public interface Command {
    SeatReply run(JsonNode body, Caller caller, Committer tx);
  }

  public interface Committer {
    SeatReply commit(Function<Handle, SeatReply> work);
  }

  private static final JsonMapper JSON = Json.mapper();

  private final Jdbi jdbi;
  private final SeatIdempotency idempotency;
  private final boolean writesEnabled;

  public SeatPost(Jdbi jdbi, SeatIdempotency idempotency, boolean writesEnabled) {
    this.jdbi = jdbi;
    this.idempotency = idempotency;
    this.writesEnabled = writesEnabled;
  }

  /** @param signs the route may sign or send a transaction: refused while writes are disabled */
  public void handle(ApiRequest req, boolean signs, Command command) {
    handle(req, signs, false, command);
  }

  /** For command routes that read no body field: only an empty body or {@code {}} is taken. */
  public void handleWithoutFields(ApiRequest req, boolean signs, Command command) {
    handle(req, signs, true, command);
  }

  private void handle(ApiRequest req, boolean signs, boolean noFields, Command command) {
    byte[] raw = req.ctx().bodyAsBytes();
    JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
    TreasuryFieldGuard.checkQuery(req.ctx().queryParamMap().keySet());
    TreasuryFieldGuard.check(body);
    if (noFields) {
      // anything sent to a route that reads nothing is a mistake (or a probe): refused, not ignored
      SeatInput.onlyFields(body);
    }
    refuseBeforeCommand(body, signs);
    String key = SeatIdempotency.validKey(req.ctx().header(SeatIdempotency.HEADER));
    if (key == null) {
      run(req, command, body, raw, null);
      return;
    }
    // Requests with one key are answered one after the other, so the second finds the first's stored
    // answer instead of racing it into the command (where it would meet, e.g., PUBKEY_TAKEN).
    try (SeatIdempotency.Lock held = idempotency.lock(key, route(req), actor(req))) {
      run(req, command, body, raw, key);
    }
  }

  private static String route(ApiRequest req) {
    return "POST " + req.ctx().path();
  }

  private static String actor(ApiRequest req) {
    return req.caller().kind() + ":" + req.caller().name();
  }

  private void run(ApiRequest req, Command command, JsonNode body, byte[] raw, String key) {
    String route = route(req);
    String actor = actor(req);
    String hash = sha256(raw);
    if (key != null) {
      Optional<SeatIdempotency.Stored> stored = idempotency.replay(key, route, actor, hash);
      if (stored.isPresent()) {
        AuditNotes.reason(req.ctx(), "idempotent replay");
        send(req, stored.get().status(), stored.get().body());
        return;
      }
    }
    SeatReply reply;
    try {
      reply = execute(command, body, req.caller(), work -> jdbi.inTransaction(h -> {
        SeatReply r = work.apply(h);
        if (key != null) {
          idempotency.record(h, key, route, actor, hash, r.status(), JSON.writeValueAsString(r.body()));
        }
        return r;
      }));
    } catch (UnableToExecuteStatementException e) {
      if (key != null && isUniqueViolation(e)) {
        // A concurrent request with the same key committed first: answer as it did, or refuse.
        Optional<SeatIdempotency.Stored> stored = idempotency.replay(key, route, actor, hash);
        if (stored.isPresent()) {
          AuditNotes.reason(req.ctx(), "idempotent replay");
          send(req, stored.get().status(), stored.get().body());
          return;
        }
      }
      throw e;
    }
    send(req, reply.status(), JSON.writeValueAsString(reply.body()));
  }

  /**
   * The console's way in (a form carries no Idempotency-Key): the same CSM-01 check, write switch,
   * command and error mapping as {@link #handle}; the answer is returned for the page to show.
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
      throw ApiError.unavailable("WRITES_DISABLED",
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
      throw new ApiError(503, "BEACON_UNAVAILABLE", "a beacon endpoint could not answer; nothing was changed: "
          + e.getMessage());
    } catch (ChainException e) {
      throw new ApiError(503, "CHAIN_UNAVAILABLE", "an execution endpoint could not answer; nothing was changed ("
          + e.code() + ")");
    }
  }

  public static ApiError invalidState(InvalidStateException e) {
    return new ApiError(409, "INVALID_STATE", e.getMessage(), List.of(Map.of("currentState", e.current().name())));
  }

  private static void send(ApiRequest req, int status, String json) {
    req.ctx().status(status).contentType("application/json").result(json);
  }

  private static boolean isUniqueViolation(UnableToExecuteStatementException e) {
    return e.getCause() instanceof java.sql.SQLException s && "23505".equals(s.getSQLState());
  }

  static String sha256(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
