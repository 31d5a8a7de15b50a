package org.centurion.seatmanager.web;

import io.javalin.http.Context;

/** Headers every response carries; HSTS only when cookies are Secure (i.e. behind TLS). */
final class SecurityHeaders {
  /**
   * The console's pages: nothing by default, scripts and styles only from files this server serves
   * (htmx and one CSS file; no inline script or style, no eval), XHR only to this origin, forms only
   * to this origin, never framed. The API keeps its own policy.
   */
  static final String CONSOLE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
      + "connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

  private final boolean hsts;

  SecurityHeaders(boolean hsts) {
    this.hsts = hsts;
  }

  /** Replaces the API's CSP with the console's on an HTML route. */
  static void applyConsole(Context ctx) {
    ctx.header("Content-Security-Policy", CONSOLE_CSP);
  }

  void apply(Context ctx) {
    each(ctx::header);
  }

  /** Hands every header to {@code sink}: also used where the server core answers without a Context. */
  void each(java.util.function.BiConsumer<String, String> sink) {
    sink.accept("Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    sink.accept("X-Content-Type-Options", "nosniff");
    sink.accept("X-Frame-Options", "DENY");
    sink.accept("Referrer-Policy", "no-referrer");
    sink.accept("Cross-Origin-Opener-Policy", "same-origin");
    sink.accept("Cache-Control", "no-store");
    if (hsts) {
      sink.accept("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    }
  }
}
