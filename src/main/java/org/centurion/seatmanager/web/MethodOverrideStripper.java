package org.centurion.seatmanager.web;

import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Removes method-override headers before routing: Javalin routes a request by
 * {@code X-HTTP-Method-Override} when present, so a POST could reach a GET route (and be audited as
 * a read) or a GET a DELETE route (without the write checks). The method on the request line is the
 * only one that counts.
 */
final class MethodOverrideStripper extends Handler.Wrapper {
  static final List<String> OVERRIDE_HEADERS = List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    HttpFields headers = request.getHeaders();
    if (OVERRIDE_HEADERS.stream().noneMatch(headers::contains)) {
      return super.handle(request, response, callback);
    }
    HttpFields.Mutable stripped = HttpFields.build(headers);
    OVERRIDE_HEADERS.forEach(stripped::remove);
    HttpFields kept = stripped.asImmutable();
    return super.handle(new Request.Wrapper(request) {
      @Override
      public HttpFields getHeaders() {
        return kept;
      }
    }, response, callback);
  }
}
