package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.seats.SeatCommandRunner;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Json;
import org.centurion.seatmanager.seats.SeatsFeature;
import org.centurion.seatmanager.web.seats.SeatPost;
import org.centurion.seatmanager.web.seats.SeatStatuses;
import org.centurion.seatmanager.seats.SeatReply;
import org.centurion.seatmanager.seats.TreasuryFieldGuard;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every seat action form does before and after the seat command it shares with the API route:
 * CSM-01 over the names of every field the browser sent (the forms carry no address at all), the
 * typed confirmation for irreversible actions, re-authentication for the actions whose API route
 * needs step-up (CSM-02), then {@link org.centurion.seatmanager.seats.SeatCommandRunner#submit} and the outcome as a notice. Any refusal is
 * an {@link ApiError} the console shows with its stable code.
 */
public final class SeatActionForm {
  /** Codes a console action adds to its API route's. */
  public static final List<String> FORM_ERRORS = List.of(Forms.INVALID_FORM, ErrorCodes.CONFIRMATION_MISMATCH,
      ErrorCodes.STEP_UP_FAILED, ErrorCodes.RATE_LIMITED);

  private final SeatsFeature seats;
  private final Reauthentication reauth;
  private final Pages pages;

  public SeatActionForm(SeatsFeature seats, Reauthentication reauth, Pages pages) {
    this.seats = seats;
    this.reauth = reauth;
    this.pages = pages;
  }

  public SeatsFeature seats() {
    return seats;
  }

  /**
   * @param auditAction the API route's audit action, so the log reads the same whichever door was used
   * @param signs as the API route: refused while writes are disabled
   */
  public void run(ApiRequest r, SeatAction action, String auditAction, boolean signs, Command command) {
    Context ctx = r.ctx();
    AuditNotes.action(ctx, auditAction);
    long id = SeatPost.seatId(r);
    AuditNotes.target(ctx, "seat:" + id);
    ObjectNode fieldNames = Json.mapper().createObjectNode();
    ctx.formParamMap().keySet().forEach(name -> fieldNames.put(name, ""));
    TreasuryFieldGuard.check(fieldNames);
    if (action.confirm() && !Forms.required(ctx, SeatAction.CONFIRM_FIELD).strip().equals(Long.toString(id))) {
      throw ApiError.badRequest(ErrorCodes.CONFIRMATION_MISMATCH,
          "type the seat id (" + id + ") to confirm; nothing was sent or changed");
    }
    if (action.stepUp()) {
      reauth.confirm(r);
    }
    SeatReply reply = seats.runner().submit(fieldNames, r.caller(), signs, (body, caller, tx) -> command.run(id, r, tx));
    ctx.status(SeatStatuses.of(reply.outcome()));
    pages.render(ctx, "notice", Map.of("message", outcome(action, reply), "next", "/console/seats/" + id));
  }

  /** The seat command, as the API route calls it. */
  public interface Command {
    SeatReply run(long seatId, ApiRequest r, SeatCommandRunner.Committer tx);
  }

  @SuppressWarnings("unchecked")
  static String outcome(SeatAction action, SeatReply reply) {
    Map<String, Object> body = (Map<String, Object>) reply.body();
    if (body.get("operation") instanceof Map<?, ?> op) {
      Map<String, Object> seat = (Map<String, Object>) body.get("seat");
      return action.label() + ": queued as operation " + op.get("id") + " (" + op.get("kind")
          + "); the executor sends it and the seat moves on when the chain confirms it. The seat is "
          + seat.get("state") + ".";
    }
    return action.label() + ": done. The seat is now " + body.get("state") + ".";
  }
}
