package org.centurion.seatmanager.web.ops;

import org.centurion.seatmanager.ops.EmergencyPause;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;

/** Reads the pause routes' JSON body (strict: unknown fields are refused by the mapper). */
final class PauseBodies {
  private PauseBodies() {}

  static String reason(ApiRequest r) {
    if (r.ctx().body().isBlank()) {
      throw ApiError.badRequest(EmergencyPause.INVALID_REASON, "a JSON body with a reason is required");
    }
    return r.ctx().bodyAsClass(PauseRequest.class).reason();
  }
}
