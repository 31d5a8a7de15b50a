package org.centurion.seatmanager.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses C0 control characters (U+0000–U+001F) and DEL (U+007F) anywhere a caller names something:
 * path parameters, query parameters, form fields and every JSON field name and string value. No
 * identifier, username, label, note, filter or password of this API legitimately holds one; a NUL
 * breaks the PostgreSQL text columns the audit log writes (the outcome row of a login would vanish),
 * and line breaks forge log lines.
 */
public final class InputCharacters {
  public static final String CODE = "CONTROL_CHARACTER";
  private static final JsonMapper JSON = Json.mapper();

  private InputCharacters() {}

  static void check(Context ctx, EndpointSpec spec) {
    for (Map.Entry<String, String> p : ctx.pathParamMap().entrySet()) {
      refuseIn(p.getValue(), "path parameter " + p.getKey());
    }
    for (Map.Entry<String, List<String>> q : ctx.queryParamMap().entrySet()) {
      refuseIn(q.getKey(), "a query parameter name");
      q.getValue().forEach(v -> refuseIn(v, "query parameter " + printable(q.getKey())));
    }
    if (!spec.isWrite()) {
      return;
    }
    String type = ctx.header("Content-Type");
    if (BrowserRequests.isJson(type)) {
      byte[] raw = ctx.bodyAsBytes();
      if (raw.length > 0) {
        try {
          refuseInJson(JSON.readTree(raw), "$");
        } catch (JacksonException notJson) {
          // the handler answers INVALID_JSON
        }
      }
    } else if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      for (Map.Entry<String, List<String>> f : ctx.formParamMap().entrySet()) {
        refuseIn(f.getKey(), "a form field name");
        f.getValue().forEach(v -> refuseIn(v, "form field " + printable(f.getKey())));
      }
    }
  }

  private static void refuseInJson(JsonNode node, String path) {
    if (node.isString()) {
      refuseIn(node.asString(), path);
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        refuseIn(e.getKey(), "a field name in " + path);
        refuseInJson(e.getValue(), path + "." + printable(e.getKey()));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        refuseInJson(node.get(i), path + "[" + i + "]");
      }
    }
  }

  /** @throws ApiError 400 {@value #CODE} when {@code value} holds a control character */
  public static void refuseIn(String value, String where) {
    if (value != null && hasControl(value)) {
      throw ApiError.badRequest(CODE, where + " contains a control character (U+0000-U+001F or U+007F)");
    }
  }

  public static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        return true;
      }
    }
    return false;
  }

  /** Control characters replaced by U+FFFD: for text bound for logs and the audit table. */
  public static String printable(String s) {
    if (s == null || !hasControl(s)) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7F ? '\uFFFD' : c);
    }
    return b.toString();
  }
}
