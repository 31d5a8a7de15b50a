package org.centurion.seatmanager.web.operator;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.centurion.seatmanager.auth.OperatorScope;
import org.centurion.seatmanager.operator.OperatorErrors;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;

/** Small shared parsing for the operator routes. */
final class OperatorRequests {
  private OperatorRequests() {}

  /** A positive numeric path id; anything else is a route that does not exist. */
  static long id(ApiRequest r) {
    String v = r.ctx().pathParam("id");
    if (!v.matches("[1-9][0-9]{0,17}")) {
      throw ApiError.notFound("no such id");
    }
    return Long.parseLong(v);
  }

  /** A strict JSON body (unknown fields are refused by the mapper). */
  static <T> T body(ApiRequest r, Class<T> type) {
    if (r.ctx().body().isBlank()) {
      throw ApiError.badRequest(OperatorErrors.INVALID_JSON, "a JSON body is required");
    }
    return r.ctx().bodyAsClass(type);
  }

  static Optional<Set<OperatorScope>> scopes(List<String> names) {
    if (names == null) {
      return Optional.empty();
    }
    Set<OperatorScope> s = EnumSet.noneOf(OperatorScope.class);
    for (String n : names) {
      s.add(OperatorScope.ofWire(n).orElseThrow(() -> ApiError.badRequest(OperatorErrors.INVALID_SCOPES,
          "scopes are status, claim, rotate_api_key and exit_request")));
    }
    return Optional.of(s);
  }
}
