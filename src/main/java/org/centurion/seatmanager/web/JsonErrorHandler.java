package org.centurion.seatmanager.web;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors the server core answers before any route runs (a malformed or ambiguous URI, a bad header):
 * the API's JSON error shape and security headers instead of Jetty's HTML page, with no echo of the
 * offending input.
 */
final class JsonErrorHandler extends ErrorHandler {
  private static final JsonMapper JSON = Json.mapper();
  private final SecurityHeaders headers;

  JsonErrorHandler(SecurityHeaders headers) {
    this.headers = headers;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Object s = request.getAttribute(ERROR_STATUS);
    int status = s instanceof Integer i ? i : response.getStatus();
    HttpFields.Mutable out = response.getHeaders();
    headers.each(out::put);
    String id = RequestIds.accept(null);
    out.put(RequestIds.HEADER, id);
    out.put(HttpHeader.CONTENT_TYPE, "application/json");
    response.setStatus(status);
    response.write(true, ByteBuffer.wrap(body(status, id)), callback);
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    headers.each(fields::put);
    String id = RequestIds.accept(null);
    fields.put(RequestIds.HEADER, id);
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status, id));
  }

  private static byte[] body(int status, String requestId) {
    String code = status == 400 ? ErrorCodes.BAD_REQUEST : status == 404 ? ErrorCodes.NOT_FOUND : "HTTP_" + status;
    String message = status == 400 ? "malformed request" : "request refused";
    Map<String, Object> body = ErrorBody.of(code, message, requestId, List.of());
    return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
  }
}
