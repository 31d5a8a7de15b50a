package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import io.javalin.http.Context;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.web.auth.SecurityGuard;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;

/**
 * Step-up for console forms (CSM-02). A browser form cannot carry the API's X-Step-Up-Token header,
 * so the form carries what step-up itself asks for (the caller's password, and the TOTP code when
 * enrolled) and the same {@link StepUpService} checks it, with the same per-session throttle, right
 * before the change. The token it issues is used for nothing else and never leaves the server.
 */
public final class Reauthentication {
  public static final String PASSWORD_FIELD = "confirmPassword";
  public static final String TOTP_FIELD = "totp";
  private final StepUpService stepUp;

  public Reauthentication(StepUpService stepUp) {
    this.stepUp = stepUp;
  }

  /** Throws STEP_UP_FAILED (403) or RATE_LIMITED (429) unless the caller re-proved who they are. */
  public void confirm(ApiRequest r) {
    Context ctx = r.ctx();
    String password = Forms.required(ctx, PASSWORD_FIELD);
    String totp = Forms.optional(ctx, TOTP_FIELD).orElse(null);
    long session = r.caller().sessionId().orElseThrow(() -> ApiError.forbidden(ErrorCodes.IDENTITY_NOT_ALLOWED, "sessions only"));
    long user = r.caller().userId().orElseThrow(() -> ApiError.forbidden(ErrorCodes.IDENTITY_NOT_ALLOWED, "sessions only"));
    // the token is bound to this very console request and never leaves the server
    stepUp.issue(session, user, password, totp, SecurityGuard.stepUpRoute(ctx));
  }
}
