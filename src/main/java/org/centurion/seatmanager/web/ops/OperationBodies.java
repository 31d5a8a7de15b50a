package org.centurion.seatmanager.web.ops;

import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;

/** Routes that take no body refuse one, so a field an attacker hopes is read is never silently ignored. */
final class OperationBodies {
  private OperationBodies() {}

  static void requireEmpty(ApiRequest r) {
    String body = r.ctx().body().strip();
    if (!body.isEmpty() && !body.equals("{}")) {
      throw ApiError.badRequest("INVALID_JSON", "this route takes no body fields");
    }
  }
}
