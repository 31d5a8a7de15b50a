package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import io.javalin.http.Context;
import java.util.Map;
import org.centurion.seatmanager.alerts.AlertService;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.web.console.Forms;
import org.centurion.seatmanager.web.console.Pages;
import org.centurion.seatmanager.web.dashboard.AcknowledgeAlertEndpoint;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code POST /console/alerts/{id}/acknowledge} (ADMIN): the dashboard's Acknowledge button, as
 * {@code POST /v1/dashboard/alerts/{id}/acknowledge} with the same service, checks, audit action and
 * error codes; the form may carry a note.
 */
public final class AcknowledgeAlertActionEndpoint implements Endpoint {
  private final AlertService alerts;
  private final Pages pages;

  public AcknowledgeAlertActionEndpoint(AlertService alerts, Pages pages) {
    this.alerts = alerts;
    this.pages = pages;
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.post("/console/alerts/{id}/acknowledge")
        .summary("Console: acknowledge an open alert (form: note, optional)")
        .sessions(Role.ADMIN).html()
        .errors(Forms.INVALID_FORM, ErrorCodes.NOT_FOUND, ErrorCodes.INVALID_NOTE, ErrorCodes.ALERT_ALREADY_RESOLVED, ErrorCodes.ALERT_ALREADY_ACKNOWLEDGED)
        .build();
  }

  @Override
  public void handle(ApiRequest r) {
    Context ctx = r.ctx();
    long id = Forms.pathId(ctx, "id");
    AuditNotes.action(ctx, "alert.acknowledge");
    AuditNotes.target(ctx, "alert:" + id);
    AlertService.Acknowledgement ack =
        alerts.acknowledge(id, r.caller().name(), AcknowledgeAlertEndpoint.checkedNote(Forms.optional(ctx, "note").orElse(null)));
    String message = !ack.acknowledgedOrThrow(id).open()
        ? "Alert " + id + " acknowledged and resolved."
        : "Alert " + id + " acknowledged; it resolves itself when its condition clears.";
    ctx.header("HX-Trigger", "alerts-changed");
    pages.render(ctx, "notice", Map.of("message", message, "next", ""));
  }
}
