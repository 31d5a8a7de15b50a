package org.centurion.seatmanager.web;

import org.centurion.seatmanager.problem.ErrorCodes;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The query side of the list routes that page newest first by cursor (the last id seen): unknown
 * parameters refused, {@code limit} and {@code cursor} read, the next cursor made. Every problem is
 * 400 {@code INVALID_QUERY}.
 */
public final class CursorPaging {
  public static final int DEFAULT_LIMIT = 100;

  private CursorPaging() {}

  /** Refuses any query parameter not in {@code allowed}, naming it with unsafe characters masked. */
  public static void onlyParams(Context ctx, Set<String> allowed) {
    for (String p : ctx.queryParamMap().keySet()) {
      if (!allowed.contains(p)) {
        throw invalid("unknown query parameter: " + p.replaceAll("[^A-Za-z0-9_-]", "?"));
      }
    }
  }

  /** Refuses a query parameter given more than once (which value would count is not obvious). */
  public static void noRepeats(Context ctx) {
    for (String p : ctx.queryParamMap().keySet()) {
      if (ctx.queryParams(p).size() > 1) {
        throw invalid(p + " given more than once");
      }
    }
  }

  /** {@code limit}: 1..{@code max}, {@value #DEFAULT_LIMIT} when absent. */
  public static int limit(Context ctx, int max) {
    long limit = number(ctx.queryParam("limit"), "limit").orElse((long) DEFAULT_LIMIT);
    if (limit < 1 || limit > max) {
      throw invalid("limit must be 1.." + max);
    }
    return (int) limit;
  }

  /** {@code cursor}: the last id of the previous page, if any. */
  public static Optional<Long> cursor(Context ctx) {
    return number(ctx.queryParam("cursor"), "cursor");
  }

  /** An optional non-negative whole number parameter. */
  public static Optional<Long> number(String value, String name) {
    if (value == null) {
      return Optional.empty();
    }
    if (!value.matches("[0-9]{1,18}")) {
      throw invalid(name + " must be a non-negative integer");
    }
    return Optional.of(Long.parseLong(value));
  }

  /** The cursor of the page after {@code items}: its last id when the page is full, else null. */
  public static <T> String nextCursor(List<T> items, int limit, ToLongFunction<T> id) {
    return items.size() == limit ? Long.toString(id.applyAsLong(items.get(items.size() - 1))) : null;
  }

  private static ApiError invalid(String message) {
    return ApiError.badRequest(ErrorCodes.INVALID_QUERY, message);
  }
}
