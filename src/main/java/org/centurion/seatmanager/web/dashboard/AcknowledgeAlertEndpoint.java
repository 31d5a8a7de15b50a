package org.centurion.seatmanager.web.dashboard;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.Optional;
import org.centurion.seatmanager.alerts.Alert;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code POST /v1/dashboard/alerts/{id}/acknowledge} (ADMIN): an operator has looked at an open
 * alert. Event alerts (reorg, front-running attempt, slashing) are resolved by it; condition alerts
 * record who acknowledged them and keep resolving themselves when the condition clears. The body
 * is optional: {@code {"note": "…"}}.
 */
public final class AcknowledgeAlertEndpoint implements Endpoint {
  public static final int MAX_NOTE = 500;
  private final AlertService alerts;

  public AcknowledgeAlertEndpoint(AlertService alerts) {
    this.alerts = alerts;
  }

  public record AcknowledgeRequest(String note) {}

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/v1/dashboard/alerts/{id}/acknowledge")
        .summary("Acknowledge an open alert; resolves event alerts (reorg, front-running attempt, slashing)")
        .users(Role.ADMIN).request(AcknowledgeRequest.class).response(Alert.class)
        .errors(ErrorCodes.NOT_FOUND, ErrorCodes.INVALID_NOTE, ErrorCodes.ALERT_ALREADY_RESOLVED, ErrorCodes.ALERT_ALREADY_ACKNOWLEDGED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), "alert.acknowledge");
    String raw = r.ctx().pathParam("id");
    if (!raw.matches("[1-9][0-9]{0,17}")) {
      throw ApiError.notFound("no such alert");
    }
    long id = Long.parseLong(raw);
    AuditNotes.target(r.ctx(), "alert:" + id);
    Optional<String> note = note(r);
    AlertService.Acknowledgement ack = alerts.acknowledge(id, r.caller().name(), note);
    r.ctx().json(ack.acknowledgedOrThrow(id));
  }

  private static Optional<String> note(ApiRequest r) {
    if (r.ctx().body().isBlank()) {
      return Optional.empty();
    }
    return checkedNote(r.ctx().bodyAsClass(AcknowledgeRequest.class).note());
  }

  /** The note as stored, or a 400 {@code INVALID_NOTE}; absent stays absent. Also used by the console. */
  public static Optional<String> checkedNote(String note) {
    if (note == null) {
      return Optional.empty();
    }
    if (note.isBlank() || note.length() > MAX_NOTE || note.codePoints().anyMatch(Character::isISOControl)) {
      throw ApiError.badRequest(ErrorCodes.INVALID_NOTE, "note must be 1.." + MAX_NOTE + " characters without control characters");
    }
    return Optional.of(note.strip());
  }
}
