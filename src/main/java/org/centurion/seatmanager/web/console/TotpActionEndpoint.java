package org.centurion.seatmanager.web.console;

import io.javalin.http.Context;
import java.util.Map;
import org.centurion.seatmanager.auth.Role;
import org.centurion.seatmanager.auth.TotpService;
import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;
import org.centurion.seatmanager.web.audit.AuditNotes;

/**
 * {@code POST /console/totp} and {@code POST /console/totp/confirm} (issue 17): enrol an authenticator
 * app from the console, as {@code POST /v1/auth/totp} (re-authenticated, as that route needs step-up:
 * the secret is shown once, for manual entry or as its otpauth URI) and {@code POST
 * /v1/auth/totp/confirm} (a first code; recovery codes shown once when they are the first).
 */
public final class TotpActionEndpoint implements Endpoint {
  /** The confirm form's field: not {@code totp}, which re-authentication reads. */
  static final String CODE_FIELD = "code";
  private final TotpService totp;
  private final Reauthentication reauth;
  private final Pages pages;
  private final boolean confirm;

  private TotpActionEndpoint(TotpService totp, Reauthentication reauth, Pages pages, boolean confirm) {
    this.totp = totp;
    this.reauth = reauth;
    this.pages = pages;
    this.confirm = confirm;
  }

  public static TotpActionEndpoint begin(TotpService totp, Reauthentication reauth, Pages pages) {
    return new TotpActionEndpoint(totp, reauth, pages, false);
  }

  public static TotpActionEndpoint confirm(TotpService totp, Reauthentication reauth, Pages pages) {
    return new TotpActionEndpoint(totp, reauth, pages, true);
  }

  @Override
  public EndpointSpec spec() {
    return confirm
        ? EndpointSpec.post("/console/totp/confirm").summary("Console: confirm TOTP enrolment with a first code (form: code)")
            .sessions(Role.VIEWER).html().errors(Forms.INVALID_FORM, TotpService.INVALID, TotpService.NOT_PENDING).build()
        : EndpointSpec.post("/console/totp").summary("Console: begin TOTP enrolment (form: confirmPassword[, totp])")
            .sessions(Role.VIEWER).html().errors(Forms.INVALID_FORM, ErrorCodes.STEP_UP_FAILED, ErrorCodes.RATE_LIMITED).build();
  }

  @Override
  public void handle(ApiRequest r) {
    Context ctx = r.ctx();
    long user = r.caller().userId().orElseThrow(() -> ApiError.forbidden("IDENTITY_NOT_ALLOWED", "sessions only"));
    AuditNotes.target(ctx, "user:" + user);
    if (confirm) {
      AuditNotes.action(ctx, "auth.totp_confirm");
      TotpService.Confirmed c = totp.confirm(user, Forms.required(ctx, CODE_FIELD).strip());
      if (!c.recoveryCodes().isEmpty()) {
        AuditNotes.reason(ctx, "recovery codes issued");
      }
      pages.render(ctx, "totpConfirmed", Map.of("codes", c.recoveryCodes()));
      return;
    }
    AuditNotes.action(ctx, "auth.totp_enrol");
    reauth.confirm(r);
    TotpService.Enrolment e = totp.begin(user);
    pages.render(ctx, "totpEnrolment", Map.of("secret", e.secret(), "uri", e.otpauthUri()));
  }
}
