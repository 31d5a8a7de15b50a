package org.centurion.seatmanager.web.console;

import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.ops.EmergencyPause;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;
import org.centurion.seatmanager.web.ops.ApprovalGate;

/**
 * {@code POST /console/executor/pause} and {@code /resume}: the console's emergency pause buttons, as
 * {@code POST /v1/executor/pause|resume} (ADMIN, re-authenticated with the password in the form).
 */
public final class PauseActionEndpoint implements Endpoint {
  private final EmergencyPause pause;
  private final Reauthentication reauth;
  private final Pages pages;
  private final boolean resume;
  private final ApprovalGate gate;

  private PauseActionEndpoint(EmergencyPause pause, Reauthentication reauth, Pages pages, boolean resume, ApprovalGate gate) {
    this.gate = gate;
    this.pause = pause;
    this.reauth = reauth;
    this.pages = pages;
    this.resume = resume;
  }

  public static PauseActionEndpoint pause(EmergencyPause pause, Reauthentication reauth, Pages pages, ApprovalGate gate) {
    return new PauseActionEndpoint(pause, reauth, pages, false, gate);
  }

  public static PauseActionEndpoint resume(EmergencyPause pause, Reauthentication reauth, Pages pages, ApprovalGate gate) {
    return new PauseActionEndpoint(pause, reauth, pages, true, gate);
  }

  @Override
  public EndpointSpec spec() {
    String path = resume ? "/console/executor/resume" : "/console/executor/pause";
    return EndpointSpec.post(path)
        .summary(resume ? "Console: end the emergency pause (form: reason, confirmPassword[, totp])"
            : "Console: emergency pause of the executor (form: reason, confirmPassword[, totp])")
        .sessions(Role.ADMIN).html().errors(Forms.INVALID_FORM, "STEP_UP_FAILED", "RATE_LIMITED", EmergencyPause.INVALID_REASON,
            resume ? EmergencyPause.NOT_PAUSED : EmergencyPause.ALREADY_PAUSED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    AuditNotes.action(r.ctx(), resume ? "executor.resume" : "executor.pause");
    AuditNotes.target(r.ctx(), "executor");
    String reason = Forms.required(r.ctx(), "reason");
    reauth.confirm(r);
    if (resume && pause.current().paused()) {
      java.util.Optional<org.centurion.seatmanager.ops.ApprovalService.Approval> pending = gate.resume(reason, r.caller());
      if (pending.isPresent()) {
        AuditNotes.reason(r.ctx(), "approval " + pending.get().id() + " requested");
        pages.render(r.ctx(), "notice", Map.of("message", "Resume requested as approval " + pending.get().id()
            + ": another ADMIN must approve it (POST /v1/approvals/" + pending.get().id() + "/approve).", "next", "/console/dashboard"));
        return;
      }
    }
    EmergencyPause.State now = resume ? pause.resume(r.caller().name(), reason) : pause.pause(r.caller().name(), reason);
    AuditNotes.reason(r.ctx(), (resume ? "resumed: " : "paused: ") + now.reason().orElse(""));
    pages.render(r.ctx(), "notice", Map.of("message", resume ? "The executor signs again." : "Paused: " + now.describe(),
        "next", "/console/dashboard"));
  }
}
