package org.centurion.seatmanager.web;

import org.centurion.seatmanager.problem.ErrorCodes;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;

/**
 * Protocol checks every admitted request passes before its guard (ASVS V13.2, V4.2.2, V50.2 of 4.0.3's
 * V14.5): a state-changing request a browser sent on behalf of another site is refused, and a JSON
 * route only takes bodies declared as JSON (a cross-site {@code text/plain} form post is a "simple"
 * request a foreign page may send without CORS, and its body can parse as JSON).
 */
final class BrowserRequests {
  static final String CROSS_SITE_CODE = ErrorCodes.CSRF_FAILED;
  static final String MEDIA_TYPE_CODE = "UNSUPPORTED_MEDIA_TYPE";

  private BrowserRequests() {}

  /**
   * A write is refused when the browser says it came from another site ({@code Sec-Fetch-Site} other
   * than {@code same-origin} or {@code none}) or, from browsers that do not send that header, when
   * its {@code Origin} is not this server's. Clients that send neither (scripts, curl) are not
   * browsers acting for a page, and pass.
   */
  static void refuseCrossSite(Context ctx, EndpointSpec spec) {
    if (!spec.isWrite()) {
      return;
    }
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null) {
      String s = site.strip().toLowerCase(Locale.ROOT);
      if (!s.equals("same-origin") && !s.equals("none")) {
        throw ApiError.forbidden(CROSS_SITE_CODE, "a state-changing request from another site is refused");
      }
      return;
    }
    String origin = ctx.header("Origin");
    if (origin != null && !sameOrigin(origin, ctx.header("Host"))) {
      throw ApiError.forbidden(CROSS_SITE_CODE, "a state-changing request from another origin is refused");
    }
  }

  /** The Origin names this server when its authority (host and port) is the request's Host. */
  static boolean sameOrigin(String origin, String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    try {
      URI u = new URI(origin.strip());
      String scheme = u.getScheme();
      if (scheme == null || u.getRawAuthority() == null || (u.getRawPath() != null && !u.getRawPath().isEmpty())
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
        return false; // "null", file:, opaque or path-carrying origins are never ours
      }
      return u.getRawAuthority().equalsIgnoreCase(host.strip());
    } catch (java.net.URISyntaxException malformed) {
      return false;
    }
  }

  /**
   * JSON routes (every non-HTML write) take a body only as {@code application/json}; an empty body
   * needs no type.
   */
  static void requireJsonBody(Context ctx, EndpointSpec spec) {
    if (!spec.isWrite() || spec.html()) {
      return;
    }
    boolean hasBody = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
    if (!hasBody && ctx.header("Content-Type") == null) {
      return;
    }
    if (!isJson(ctx.header("Content-Type"))) {
      throw new ApiError(415, MEDIA_TYPE_CODE, "this route takes Content-Type: application/json");
    }
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semi = contentType.indexOf(';');
    String type = (semi < 0 ? contentType : contentType.substring(0, semi)).strip();
    return type.equalsIgnoreCase("application/json");
  }
}
