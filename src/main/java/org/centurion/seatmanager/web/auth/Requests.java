package org.centurion.seatmanager.web.auth;

import org.centurion.seatmanager.problem.ErrorCodes;
import io.javalin.http.Context;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;

/** Small shared parsing for the security routes. */
final class Requests {
  private Requests() {}

  /** A positive numeric path id; anything else is a route that does not exist. */
  static long id(Context ctx, String name) {
    String v = ctx.pathParam(name);
    if (!v.matches("[1-9][0-9]{0,17}")) {
      throw ApiError.notFound("no such " + name);
    }
    return Long.parseLong(v);
  }

  static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";

  /** For routes that read no body: anything sent is a field they do not read, and is refused. */
  static void noBody(ApiRequest r) {
    if (!r.ctx().body().isBlank()) {
      throw ApiError.badRequest(UNKNOWN_FIELD, "this route reads no body: send none");
    }
  }

  static <T> T body(ApiRequest r, Class<T> type) {
    if (r.ctx().body().isBlank()) {
      throw ApiError.badRequest(ErrorCodes.INVALID_JSON, "a JSON body is required");
    }
    return r.ctx().bodyAsClass(type);
  }

  static long userId(ApiRequest r) {
    return r.caller().userId().orElseThrow(() -> ApiError.forbidden(ErrorCodes.IDENTITY_NOT_ALLOWED, "sessions only"));
  }

  static long sessionId(ApiRequest r) {
    return r.caller().sessionId().orElseThrow(() -> ApiError.forbidden(ErrorCodes.IDENTITY_NOT_ALLOWED, "sessions only"));
  }
}
