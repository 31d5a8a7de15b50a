package org.centurion.seatmanager.web;

import io.javalin.http.Context;

/**
 * Renders the refusal of an HTML route (a console page). The guard and the handlers refuse with the
 * same {@link ApiError}s as on the API; only the rendering differs, so the console has no second
 * authorization path.
 */
public interface PageErrors {
  void render(Context ctx, ApiError error);

  /** Without a console: the status and the code as escaped text. */
  PageErrors PLAIN = (ctx, e) -> {
    ctx.status(e.status());
    ctx.contentType("text/plain; charset=utf-8");
    ctx.result(e.status() + " " + e.code());
  };
}
