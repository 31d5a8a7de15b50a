package org.centurion.seatmanager.web.ops;

import io.javalin.http.Context;
import org.centurion.seatmanager.web.ApiError;

/** The {@code {id}} of an operations route: a positive number, else a route that does not exist. */
public final class OperationIds {
  private OperationIds() {}

  public static long of(Context ctx) {
    String v = ctx.pathParam("id");
    if (!v.matches("[1-9][0-9]{0,17}")) {
      throw ApiError.notFound("no such operation");
    }
    return Long.parseLong(v);
  }
}
