package org.centurion.seatmanager.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one error shape of the API. */
final class ErrorBody {
  private ErrorBody() {}

  static Map<String, Object> of(String code, String message, String requestId, List<Map<String, Object>> details) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("requestId", requestId);
    if (!details.isEmpty()) {
      error.put("details", details);
    }
    return Map.of("error", error);
  }
}
