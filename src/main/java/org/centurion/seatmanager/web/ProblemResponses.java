package org.centurion.seatmanager.web;

import java.util.EnumMap;
import java.util.Map;
import org.centurion.seatmanager.problem.Problem;
import org.centurion.seatmanager.problem.ProblemKind;

/**
 * The one table from a domain {@link Problem} to the HTTP answer: its kind chooses the status, its
 * code, message and details become the error body unchanged.
 */
public final class ProblemResponses {
  private static final Map<ProblemKind, Integer> STATUS = new EnumMap<>(Map.of(
      ProblemKind.INVALID_INPUT, 400,
      ProblemKind.UNAUTHENTICATED, 401,
      ProblemKind.FORBIDDEN, 403,
      ProblemKind.NOT_FOUND, 404,
      ProblemKind.CONFLICT, 409,
      ProblemKind.REJECTED, 422,
      ProblemKind.RATE_LIMITED, 429,
      ProblemKind.UNAVAILABLE, 503));

  private ProblemResponses() {}

  public static int status(ProblemKind kind) {
    return STATUS.get(kind);
  }

  /** The problem as the web layer's error, status from the table. */
  public static ApiError toApiError(Problem p) {
    return new ApiError(status(p.kind()), p.code(), p.getMessage(), p.details());
  }
}
