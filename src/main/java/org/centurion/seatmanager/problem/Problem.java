package org.centurion.seatmanager.problem;

import java.util.List;
import java.util.Map;

/**
 * A refusal with a stable code, in the domain's terms: its kind, its code (see {@link ErrorCodes}),
 * a message for humans that never carries a secret, and structured reasons ({@code details}, e.g.
 * every failed check). Knows nothing of HTTP: the web layer maps the kind to a status.
 */
public class Problem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ProblemKind kind;
  private final String code;
  private final transient List<Map<String, Object>> details;

  public Problem(ProblemKind kind, String code, String message, List<Map<String, Object>> details) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
    this.details = List.copyOf(details);
  }

  public Problem(ProblemKind kind, String code, String message) {
    this(kind, code, message, List.of());
  }

  public ProblemKind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public List<Map<String, Object>> details() {
    return details;
  }

  public static Problem badRequest(String code, String message) {
    return new Problem(ProblemKind.INVALID_INPUT, code, message);
  }

  public static Problem unauthorized(String code, String message) {
    return new Problem(ProblemKind.UNAUTHENTICATED, code, message);
  }

  public static Problem forbidden(String code, String message) {
    return new Problem(ProblemKind.FORBIDDEN, code, message);
  }

  public static Problem notFound(String message) {
    return new Problem(ProblemKind.NOT_FOUND, ErrorCodes.NOT_FOUND, message);
  }

  public static Problem conflict(String code, String message) {
    return new Problem(ProblemKind.CONFLICT, code, message);
  }

  public static Problem rejected(String code, String message, List<Map<String, Object>> details) {
    return new Problem(ProblemKind.REJECTED, code, message, details);
  }

  public static Problem unavailable(String code, String message) {
    return new Problem(ProblemKind.UNAVAILABLE, code, message);
  }
}
