package org.centurion.seatmanager.web;

import org.centurion.seatmanager.problem.ErrorCodes;
import org.centurion.seatmanager.auth.Caller;

import io.javalin.http.Context;

/**
 * Decides, from an endpoint's {@link EndpointSpec}, whether a request may reach its handler:
 * authentication, role, CSRF, step-up. Throws {@link ApiError} to refuse.
 */
public interface RequestGuard {
  Caller admit(Context ctx, EndpointSpec spec, String requestId);

  /**
   * Called once a write is admitted and before its handler runs; must make the attempt durable
   * (or throw, and then the handler does not run), so a crash after the handler's commit can
   * never leave a write without a record.
   */
  default void beforeWrite(Context ctx, EndpointSpec spec, Caller caller, String requestId) {}

  /** Called after the handler of a write, or when the guard or handler refused one. */
  default void afterWrite(Context ctx, EndpointSpec spec, Caller caller, String requestId,
      int status, String errorCode) {}

  /** Called when the handler of a read refused it (401 or 403): on record like the guard's refusals. */
  default void deniedRead(Context ctx, EndpointSpec spec, Caller caller, String requestId, String errorCode) {}

  /** Admits only public routes: what a server without the security feature may serve. */
  RequestGuard PUBLIC_ONLY = (ctx, spec, requestId) -> {
    if (!spec.isPublic()) {
      throw ApiError.unauthorized(ErrorCodes.AUTHENTICATION_REQUIRED, "authentication required");
    }
    return Caller.anonymous(ctx.ip());
  };
}
