package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import io.javalin.http.Context;
import org.centurion.seatmanager.auth.SecondFactors;
import org.centurion.seatmanager.auth.StepUpService;
import org.centurion.seatmanager.web.auth.SecurityGuard;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;

/**
 * Step-up for console forms (CSM-02). A browser form cannot carry the API's X-Step-Up-Token header,
 * so the form carries what step-up itself asks for (the caller's password, and one second factor when
 * enrolled: the TOTP code, a recovery code, or a passkey assertion that {@code passkeys.js} fills in) and
 * the same {@link StepUpService} checks it, with the same per-session throttle, right before the change.
 * The token it issues is used for nothing else and never leaves the server.
 */
public final class Reauthentication {
  public static final String PASSWORD_FIELD = "confirmPassword";
  public static final String TOTP_FIELD = "totp";
  public static final String RECOVERY_CODE_FIELD = "recoveryCode";
  public static final String PASSKEY_CHALLENGE_FIELD = "passkeyChallenge";
  public static final String PASSKEY_CREDENTIAL_FIELD = "passkeyCredential";
  /** An ES256 or RS256 assertion in JSON is 1-3 KiB; the form limit of other fields is far lower. */
  private static final int MAX_PASSKEY_CREDENTIAL = 8 * 1024;
  private final StepUpService stepUp;

  public Reauthentication(StepUpService stepUp) {
    this.stepUp = stepUp;
  }

  /** Throws STEP_UP_FAILED (403) or RATE_LIMITED (429) unless the caller re-proved who they are. */
  public void confirm(ApiRequest r) {
    Context ctx = r.ctx();
    String password = Forms.required(ctx, PASSWORD_FIELD);
    SecondFactors.Proof proof = new SecondFactors.Proof(Forms.optional(ctx, TOTP_FIELD).orElse(null),
        Forms.optional(ctx, RECOVERY_CODE_FIELD).orElse(null), Forms.optional(ctx, PASSKEY_CHALLENGE_FIELD).orElse(null),
        passkeyCredential(ctx));
    long session = r.caller().sessionId().orElseThrow(() -> ApiError.forbidden(ErrorCodes.IDENTITY_NOT_ALLOWED, "sessions only"));
    long user = r.caller().userId().orElseThrow(() -> ApiError.forbidden(ErrorCodes.IDENTITY_NOT_ALLOWED, "sessions only"));
    // the token is bound to this very console request and never leaves the server
    stepUp.issueWith(session, user, password, proof, SecurityGuard.stepUpRoute(ctx));
  }

  private static String passkeyCredential(Context ctx) {
    String v = ctx.formParam(PASSKEY_CREDENTIAL_FIELD);
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (v.length() > MAX_PASSKEY_CREDENTIAL) {
      throw ApiError.badRequest(Forms.INVALID_FORM, PASSKEY_CREDENTIAL_FIELD + " is too long");
    }
    return v;
  }
}
