package org.centurion.seatmanager.http;

import io.javalin.http.Context;

/** Headers every response carries; HSTS only when cookies are Secure (i.e. behind TLS). */
final class SecurityHeaders {
  private final boolean hsts;

  SecurityHeaders(boolean hsts) {
    this.hsts = hsts;
  }

  void apply(Context ctx) {
    ctx.header("Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
    if (hsts) {
      ctx.header("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    }
  }
}
