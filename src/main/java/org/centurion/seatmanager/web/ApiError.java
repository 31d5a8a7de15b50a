package org.centurion.seatmanager.web;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.util.List;
import java.util.Map;

/**
 * A request refused with a stable code, rendered as
 * {@code {"error":{"code":…,"message":…,"requestId":…}}}. The message is for humans and must
 * never carry a secret; {@code details} holds structured reasons (e.g. every failed check).
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String code;
  private final List<Map<String, Object>> details;

  public ApiError(int status, String code, String message, List<Map<String, Object>> details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = List.copyOf(details);
  }

  public ApiError(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<Map<String, Object>> details() {
    return details;
  }

  public static ApiError badRequest(String code, String message) {
    return new ApiError(400, code, message);
  }

  public static ApiError unauthorized(String code, String message) {
    return new ApiError(401, code, message);
  }

  public static ApiError forbidden(String code, String message) {
    return new ApiError(403, code, message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, ErrorCodes.NOT_FOUND, message);
  }

  public static ApiError conflict(String code, String message) {
    return new ApiError(409, code, message);
  }

  public static ApiError unavailable(String code, String message) {
    return new ApiError(503, code, message);
  }
}
