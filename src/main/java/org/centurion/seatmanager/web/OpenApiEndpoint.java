package org.centurion.seatmanager.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.centurion.seatmanager.auth.IdentityKind;

/**
 * {@code GET /openapi.json}, generated from the registered endpoints' specs, so the document can
 * never list a route the server does not have, nor miss one it has.
 */
public final class OpenApiEndpoint implements Endpoint {
  private final Supplier<List<EndpointSpec>> specs;
  private final String version;
  private final boolean anyone;

  /**
   * @param anyone whether the document is served without signing in ({@code SEAT_MANAGER_OPENAPI_PUBLIC};
   *     production's default is no: it maps every route an attacker could try)
   */
  public OpenApiEndpoint(Supplier<List<EndpointSpec>> specs, String version, boolean anyone) {
    this.specs = specs;
    this.version = version;
    this.anyone = anyone;
  }

  @Override
  public EndpointSpec spec() {
    EndpointSpec.Builder b = EndpointSpec.get("/openapi.json").summary("This API's OpenAPI 3.1 document");
    return (anyone ? b.anyone() : b.users(org.centurion.seatmanager.auth.Role.VIEWER)).response(Map.class).build();
  }

  @Override
  public void handle(ApiRequest request) {
    request.ctx().json(document());
  }

  Map<String, Object> document() {
    Map<String, Object> paths = new LinkedHashMap<>();
    for (EndpointSpec s : specs.get()) {
      String path = s.path().replaceAll("\\{([^}]+)}", "{$1}");
      @SuppressWarnings("unchecked")
      Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(path, p -> new LinkedHashMap<>());
      item.put(s.method().toString().toLowerCase(Locale.ROOT), operation(s));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.1.0");
    doc.put("info", ordered("title", "seat-manager", "version", version));
    doc.put("paths", paths);
    doc.put("components", ordered(
        "securitySchemes", ordered(
            "session", ordered("type", "apiKey", "in", "cookie", "name", "__Host-sm_session"),
            "bearer", ordered("type", "http", "scheme", "bearer")),
        "schemas", ordered("Error", ordered("type", "object", "properties", ordered(
            "error", ordered("type", "object", "properties", ordered(
                "code", ordered("type", "string"),
                "message", ordered("type", "string"),
                "requestId", ordered("type", "string"))))))));
    return doc;
  }

  private static Map<String, Object> operation(EndpointSpec s) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("summary", s.summary());
    op.put("operationId", s.method().toString().toLowerCase(Locale.ROOT) + s.path().replaceAll("[^A-Za-z0-9]+", "_"));
    List<Map<String, Object>> params = new ArrayList<>();
    for (String seg : s.path().split("/")) {
      if (seg.startsWith("{") && seg.endsWith("}")) {
        params.add(ordered("name", seg.substring(1, seg.length() - 1), "in", "path", "required", true,
            "schema", ordered("type", "string")));
      }
    }
    if (s.stepUp()) {
      params.add(ordered("name", "X-Step-Up-Token", "in", "header", "required", true,
          "schema", ordered("type", "string")));
    }
    if (!params.isEmpty()) {
      op.put("parameters", params);
    }
    Map<String, Object> access = new LinkedHashMap<>();
    access.put("identities", s.identities().stream().map(IdentityKind::name).sorted().toList());
    if (!s.isPublic()) {
      access.put("minRole", s.minRole().name());
    }
    access.put("stepUp", s.stepUp());
    op.put("x-access", access);
    if (!s.isPublic()) {
      op.put("security", List.of(ordered("session", List.of()), ordered("bearer", List.of())));
    }
    if (s.requestType() != Void.class) {
      op.put("requestBody", ordered("required", true, "content", ordered("application/json",
          ordered("schema", ordered("type", "object", "title", s.requestType().getSimpleName())))));
    }
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put("200", s.html()
        ? ordered("description", "console page", "content", ordered("text/html", ordered("schema", ordered("type", "string"))))
        : ordered("description", "success"));
    Map<String, Object> err = ordered("description", "error; codes: " + String.join(", ", s.errorCodes()),
        "content", ordered("application/json", ordered("schema", ordered("$ref", "#/components/schemas/Error"))));
    responses.put("default", err);
    op.put("responses", responses);
    return op;
  }

  /**
   * An object whose keys keep the order written here ({@code Map.of} iterates in a per-JVM random
   * order), so the document is the same bytes on every run: key, value, key, value, ...
   */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
