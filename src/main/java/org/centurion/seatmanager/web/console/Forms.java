package org.centurion.seatmanager.web.console;

import io.javalin.http.Context;
import java.util.Optional;
import org.centurion.seatmanager.web.ApiError;

/** Reads the console's form fields; a missing or oversized field is 400 INVALID_FORM and changes nothing. */
public final class Forms {
  public static final String INVALID_FORM = "INVALID_FORM";
  private static final int MAX_FIELD = 512;

  private Forms() {}

  public static String required(Context ctx, String name) {
    return optional(ctx, name).orElseThrow(() -> ApiError.badRequest(INVALID_FORM, name + " is required"));
  }

  public static Optional<String> optional(Context ctx, String name) {
    String v = ctx.formParam(name);
    if (v == null || v.isEmpty()) {
      return Optional.empty();
    }
    if (v.length() > MAX_FIELD) {
      throw ApiError.badRequest(INVALID_FORM, name + " is too long");
    }
    return Optional.of(v);
  }

  /** A positive numeric path id; anything else is a page that does not exist. */
  public static long pathId(Context ctx, String name) {
    String v = ctx.pathParam(name);
    if (!v.matches("[1-9][0-9]{0,17}")) {
      throw ApiError.notFound("no such " + name);
    }
    return Long.parseLong(v);
  }
}
