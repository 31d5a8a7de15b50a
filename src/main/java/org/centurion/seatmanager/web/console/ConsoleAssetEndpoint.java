package org.centurion.seatmanager.web.console;

import org.centurion.seatmanager.problem.ErrorCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.centurion.seatmanager.web.ApiError;
import org.centurion.seatmanager.web.ApiRequest;
import org.centurion.seatmanager.web.Endpoint;
import org.centurion.seatmanager.web.EndpointSpec;

/**
 * {@code GET /console/assets/{file}}: the console's scripts (htmx, from its jar, so no CDN, and the
 * passkey script) and its one style sheet. A fixed list: the path never reaches the class path lookup.
 */
public final class ConsoleAssetEndpoint implements Endpoint {
  private record Asset(String resource, String contentType) {}

  private static final Map<String, Asset> ASSETS = Map.of(
      "htmx.min.js", new Asset("/META-INF/resources/webjars/htmx.org/2.0.10/dist/htmx.min.js",
          "text/javascript; charset=utf-8"),
      "console.css", new Asset("/org/centurion/seatmanager/console/console.css", "text/css; charset=utf-8"),
      "passkeys.js", new Asset("/org/centurion/seatmanager/console/passkeys.js", "text/javascript; charset=utf-8"));
  private final Map<String, byte[]> loaded;

  public ConsoleAssetEndpoint() {
    Map<String, byte[]> m = new java.util.HashMap<>();
    ASSETS.forEach((name, a) -> m.put(name, read(a.resource())));
    this.loaded = Map.copyOf(m);
  }

  private static byte[] read(String resource) {
    try (InputStream in = ConsoleAssetEndpoint.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("console asset missing from the build: " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public EndpointSpec spec() {
    return EndpointSpec.get("/console/assets/{file}").summary("Console script (htmx) and style sheet")
        .anyone().html().errors(ErrorCodes.NOT_FOUND).build();
  }

  @Override
  public void handle(ApiRequest r) {
    String file = r.ctx().pathParam("file");
    Asset a = ASSETS.get(file);
    if (a == null) {
      throw ApiError.notFound("no such asset");
    }
    r.ctx().header("Cache-Control", "public, max-age=3600");
    r.ctx().contentType(a.contentType());
    r.ctx().result(loaded.get(file));
  }
}
